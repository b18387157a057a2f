using FluentValidation;
using HelpDesk.Application.Admin;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Admin;

/// <summary>Issue 5: administrators configure routing rules instead of relying on seeded rows.</summary>
public sealed class RoutingRuleAdminTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<RoutingRuleModel> SaveAsync(SaveRoutingRule.Command command) => SendAs<RoutingRuleModel>(Demo.Admin, command);

    private Task<List<AuditEvent>> AuditOf(int ruleId) =>
        WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "routing_rule" && a.EntityId == ruleId.ToString()).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task A_new_portal_case_follows_a_rule_the_administrator_created_and_then_edited()
    {
        var rule = await SaveAsync(new SaveRoutingRule.Command(null, "Portal devices to Tier 2", "Tier2", Channel.Portal, CaseCategory.Devices));
        var first = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("TV app crashes", "Devices", "The app closes on start."));
        first.Queue.ShouldBe("Tier2");

        await SaveAsync(new SaveRoutingRule.Command(rule.Id, "Portal devices to supervisors, high", "Supervisor", Channel.Portal, CaseCategory.Devices, SetPriority: CasePriority.High));
        var second = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Remote does not pair", "Devices", "Pairing fails."));

        second.Queue.ShouldBe("Supervisor");
        (await WithDb(db => db.Cases.SingleAsync(c => c.Id == second.Id))).Priority.ShouldBe(CasePriority.High);
        var audit = await AuditOf(rule.Id);
        audit.Select(a => a.Action).ShouldBe(["routing_rule.created", "routing_rule.changed"]);
        audit.All(a => a.CaseId == null && a.ActorName == Demo.Admin).ShouldBeTrue();
        AuditJson.Change(audit[1].Data, "targetQueue").ShouldBe(("Tier2", "Supervisor"));
        AuditJson.Change(audit[1].Data, "setPriority").ShouldBe((null, "High"));
        audit[1].Data.ShouldNotBeNull().ShouldNotContain("\"category\"", customMessage: "only what changed is recorded");
    }

    [Fact]
    public async Task Disabled_rules_are_skipped_and_moving_a_rule_changes_which_one_decides()
    {
        var broad = await SaveAsync(new SaveRoutingRule.Command(null, "Content to Tier 2", "Tier2", Category: CaseCategory.Content));
        var narrow = await SaveAsync(new SaveRoutingRule.Command(null, "Spanish content to supervisors", "Supervisor", Category: CaseCategory.Content, Language: "ES"));
        narrow.Language.ShouldBe("es");

        var preview = await SendAs<RoutingPreview>(Demo.Admin, new PreviewRouting.Query(Channel.Email, CaseCategory.Content, "es-MX", CasePriority.Low));
        (preview.Queue, preview.Rule, preview.RuleId).ShouldBe(("Tier2", "Content to Tier 2", broad.Id));

        var order = await SendAs<IReadOnlyList<RoutingRuleModel>>(Demo.Admin, new MoveRoutingRule.Command(narrow.Id, MoveRoutingRule.Direction.Up));
        order.Select(r => r.Position).ShouldBe(order.Select((_, i) => (i + 1) * 10));
        order.ToList().FindIndex(r => r.Id == narrow.Id).ShouldBe(order.ToList().FindIndex(r => r.Id == broad.Id) - 1);
        (await SendAs<RoutingPreview>(Demo.Admin, new PreviewRouting.Query(Channel.Email, CaseCategory.Content, "es", CasePriority.Low))).Queue.ShouldBe("Supervisor");

        await SendAs<RoutingRuleModel>(Demo.Admin, new SetRoutingRuleEnabled.Command(narrow.Id, false));
        (await SendAs<RoutingPreview>(Demo.Admin, new PreviewRouting.Query(Channel.Email, CaseCategory.Content, "es", CasePriority.Low))).Queue.ShouldBe("Tier2");

        await SendAs<Mediator.Unit>(Demo.Admin, new DeleteRoutingRule.Command(broad.Id));
        var fallback = await SendAs<RoutingPreview>(Demo.Admin, new PreviewRouting.Query(Channel.Email, CaseCategory.Content, "es", CasePriority.Low));
        (fallback.Queue, fallback.Rule).ShouldBe(("Email-Tier1", "default"));
        (await AuditOf(narrow.Id)).Select(a => a.Action).ShouldBe(["routing_rule.created", "routing_rule.moved", "routing_rule.changed"]);
        (await AuditOf(broad.Id)).Last().Action.ShouldBe("routing_rule.deleted");
    }

    [Fact]
    public async Task Safety_sensitive_categories_go_to_tier_3_whatever_the_rules_say()
    {
        await SaveAsync(new SaveRoutingRule.Command(null, "Legal by email to Tier 2", "Tier2", Channel.Email, CaseCategory.Legal));

        var preview = await SendAs<RoutingPreview>(Demo.Admin, new PreviewRouting.Query(Channel.Email, CaseCategory.Legal, "en", CasePriority.Low));

        (preview.Queue, preview.Tier.ToString(), preview.Priority, preview.Rule).ShouldBe(("Tier3", "Tier3", CasePriority.Urgent, "sensitive-category"));
        preview.Explanation.ShouldContain("always go to Tier 3");
    }

    [Fact]
    public async Task Bad_rules_are_refused_with_messages_that_say_what_to_fix_and_nothing_is_saved()
    {
        var count = await WithDb(db => db.RoutingRules.CountAsync());

        var blank = await Should.ThrowAsync<ValidationException>(() => SaveAsync(new SaveRoutingRule.Command(null, " ", "Tier2", Language: "e5")));
        blank.Errors.Select(e => e.PropertyName).Order().ShouldBe(["Language", "Name"]);
        blank.Errors.Single(e => e.PropertyName == "Language").ErrorMessage.ShouldContain("use 2 to 8 letters");
        (await Should.ThrowAsync<ValidationException>(() => SaveAsync(new SaveRoutingRule.Command(null, new string('x', 201), "Tier2"))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("The name must be 200 characters or fewer.");
        (await Should.ThrowAsync<ValidationException>(() => SaveAsync(new SaveRoutingRule.Command(null, "Nowhere", "Tier9"))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("There is no queue called “Tier9”. Choose one from the list.");
        var wrongChannel = await Should.ThrowAsync<ValidationException>(() => SaveAsync(new SaveRoutingRule.Command(null, "Chats to callbacks", "Callback-Tier1", Channel.Chat)));
        var wrong = wrongChannel.Errors.ShouldHaveSingleItem();
        wrong.PropertyName.ShouldBe("TargetQueue");
        wrong.ErrorMessage.ShouldStartWith("Callback-Tier1 is the Tier 1 queue for Phone contacts; a rule for Chat cases cannot send them there.");
        await Should.ThrowAsync<NotFoundException>(() => SaveAsync(new SaveRoutingRule.Command(999_999, "Gone", "Tier2")));

        (await WithDb(db => db.RoutingRules.CountAsync())).ShouldBe(count);
    }

    [Theory]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Agent3)]
    [InlineData(Demo.Alice)]
    public async Task Only_administrators_configure_routing(string email)
    {
        var rule = await WithDb(db => db.RoutingRules.AsNoTracking().OrderBy(r => r.Position).FirstAsync());

        (await Should.ThrowAsync<ForbiddenException>(() => SendAs<RoutingRuleModel>(email, new SaveRoutingRule.Command(null, "Mine", "Tier2"))))
            .Message.ShouldBe("Only administrators can do this.");
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<RoutingRuleModel>(email, new SetRoutingRuleEnabled.Command(rule.Id, false)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<Mediator.Unit>(email, new DeleteRoutingRule.Command(rule.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<RoutingRuleModel>>(email, new ListRoutingRules.Query()));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<RoutingPreview>(email, new PreviewRouting.Query(Channel.Email, CaseCategory.Billing)));
        (await WithDb(db => db.RoutingRules.SingleAsync(r => r.Id == rule.Id))).Enabled.ShouldBe(rule.Enabled);
    }
}
