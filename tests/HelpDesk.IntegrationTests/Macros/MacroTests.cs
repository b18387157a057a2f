using FluentValidation;
using HelpDesk.Application.Audit;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Macros;
using HelpDesk.Domain.Common;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Macros;

/// <summary>Issue 4: saved replies — supervisors keep them, agents fill them in for a case and send them.</summary>
public sealed class MacroTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    private Task<MacroView> SaveAsync(string email, string name, string body, string? explanation = null, Guid? id = null) =>
        SendAs<MacroView>(email, new SaveMacro.Command(id, name, body, explanation));

    [Fact]
    public async Task Rendering_fills_every_placeholder_for_the_case_and_the_agent_and_the_explanation_reaches_the_subscribers_timeline()
    {
        var macro = await SaveAsync(Demo.Supervisor, Unique("Plan check"),
            "Hi {{subscriber.first_name}}, about {{case.number}} ({{ case.subject }}): your {{subscriber.plan}} plan includes 4K. — {{agent.first_name}}",
            "Knowing your plan tells us which picture quality your account can stream.");
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("No 4K on my TV", "Playback", "Everything plays in HD only."));

        var rendered = await SendAs<RenderedMacro>(Demo.Agent1, new RenderMacro.Query(opened.Id, macro.Id));

        rendered.Body.ShouldBe($"Hi Alice, about {opened.Number} (No 4K on my TV): your Premium plan includes 4K. — Sam");
        rendered.Explanation.ShouldBe("Knowing your plan tells us which picture quality your account can stream.");

        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, rendered.Body, Explanation: rendered.Explanation));
        var seen = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(opened.Id));
        var reply = seen.Timeline.Single(e => e.AuthorName == "Sam (Tier 1 agent)");
        reply.Body.ShouldBe(rendered.Body);
        reply.Explanation.ShouldBe(rendered.Explanation);
    }

    [Fact]
    public async Task Only_supervisors_save_or_retire_macros()
    {
        var existing = await WithDb(db => db.Macros.FirstAsync(m => m.IsActive));
        var count = await WithDb(db => db.Macros.CountAsync());

        await Should.ThrowAsync<ForbiddenException>(() => SaveAsync(Demo.Agent1, "Mine", "Hello"));
        await Should.ThrowAsync<ForbiddenException>(() => SaveAsync(Demo.Agent3, "Mine", "Hello", id: existing.Id));
        await Should.ThrowAsync<ForbiddenException>(() => SaveAsync(Demo.Alice, "Mine", "Hello"));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<MacroView>(Demo.Agent2, new DeactivateMacro.Command(existing.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<MacroView>>(Demo.Agent1, new ListMacros.Query(IncludeInactive: true)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<MacroView>>(Demo.Alice, new ListMacros.Query()));

        (await WithDb(db => db.Macros.CountAsync())).ShouldBe(count);
        (await WithDb(db => db.Macros.SingleAsync(m => m.Id == existing.Id))).IsActive.ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_placeholders_are_refused_with_the_list_of_valid_ones()
    {
        var refused = await Should.ThrowAsync<ValidationException>(() =>
            SaveAsync(Demo.Supervisor, Unique("Typo"), "Hi {{subscriber.name}}, see {{Case.Number}} and {{agent.first_name}}."));

        var error = refused.Errors.ShouldHaveSingleItem();
        error.PropertyName.ShouldBe("Body");
        error.ErrorMessage.ShouldBe(
            "Unknown placeholder {{subscriber.name}}, {{Case.Number}}. Use one of: {{subscriber.first_name}}, {{agent.first_name}}, {{case.number}}, {{case.subject}}, {{subscriber.plan}}.");
    }

    [Fact]
    public async Task Names_are_unique_among_active_macros_and_free_again_once_retired()
    {
        var name = Unique("Refund timing");
        var first = await SaveAsync(Demo.Supervisor, name, "Refunds take 3–5 working days.");

        var duplicate = await Should.ThrowAsync<DomainRuleException>(() => SaveAsync(Demo.Supervisor, name.ToUpperInvariant(), "Another text."));
        duplicate.Code.ShouldBe("macro.duplicate_name");

        await SendAs<MacroView>(Demo.Supervisor, new DeactivateMacro.Command(first.Id));
        var second = await SaveAsync(Demo.Supervisor, name, "Refunds take up to 5 working days.");

        second.Id.ShouldNotBe(first.Id);
        var all = await SendAs<IReadOnlyList<MacroView>>(Demo.Supervisor, new ListMacros.Query(IncludeInactive: true));
        all.Where(m => m.Name == name).Select(m => m.IsActive).OrderBy(a => a).ShouldBe([false, true]);
    }

    [Fact]
    public async Task Changing_a_macro_is_audited_with_before_and_after_and_retired_macros_are_gone_for_agents()
    {
        var macro = await SaveAsync(Demo.Supervisor, Unique("Router restart"), "Please restart your router, {{subscriber.first_name}}.");
        var changed = await SaveAsync(Demo.Supervisor, macro.Name, "Please restart your router and TV, {{subscriber.first_name}}.", "Most drops clear after a restart.", macro.Id);
        changed.Explanation.ShouldBe("Most drops clear after a restart.");

        var log = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(Action: "macro."));
        var update = log.Items.First(e => e.EntityId == macro.Id.ToString());
        update.Action.ShouldBe("macro.updated");
        update.Changes.ShouldContain(new AuditChange("body", "Please restart your router, {{subscriber.first_name}}.", "Please restart your router and TV, {{subscriber.first_name}}."));
        update.Changes.ShouldContain(new AuditChange("explanation", null, "Most drops clear after a restart."));

        (await SendAs<IReadOnlyList<MacroView>>(Demo.Agent1, new ListMacros.Query())).ShouldContain(m => m.Id == macro.Id);
        await SendAs<MacroView>(Demo.Supervisor, new DeactivateMacro.Command(macro.Id));
        (await SendAs<IReadOnlyList<MacroView>>(Demo.Agent1, new ListMacros.Query())).ShouldNotContain(m => m.Id == macro.Id);
        var caseId = await WithDb(db => db.Cases.Select(c => c.Id).FirstAsync());
        await Should.ThrowAsync<NotFoundException>(() => SendAs<RenderedMacro>(Demo.Agent3, new RenderMacro.Query(caseId, macro.Id)));
        await Should.ThrowAsync<NotFoundException>(() => SaveAsync(Demo.Supervisor, macro.Name, "Changed after retiring", id: macro.Id));
    }

    [Fact]
    public async Task Rendering_follows_the_case_rules_subscribers_are_refused_and_agents_below_the_tier_too()
    {
        var macro = (await SendAs<IReadOnlyList<MacroView>>(Demo.Agent1, new ListMacros.Query()))[0];
        var sensitive = await WithDb(db => db.Cases.Where(c => c.Subject == "Someone changed my email address").Select(c => c.Id).SingleAsync());
        var own = await WithDb(db => db.Cases.Where(c => c.Subject == "Charged twice this month").Select(c => c.Id).SingleAsync());

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<RenderedMacro>(Demo.Alice, new RenderMacro.Query(own, macro.Id)));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<RenderedMacro>(Demo.Agent1, new RenderMacro.Query(sensitive, macro.Id)));
        (await SendAs<RenderedMacro>(Demo.Agent3, new RenderMacro.Query(sensitive, macro.Id))).Body.ShouldNotContain("{{");
    }
}
