using FluentValidation;
using HelpDesk.Application.Audit;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Audit;

/// <summary>Issue 4: a case's history for staff, and the audit search for supervisors.</summary>
public sealed class AuditTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<OpenCase.Result> OpenAnsweredAndResolvedAsync(string subject)
    {
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command(subject, "Billing", "I was charged twice."));
        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, "I have refunded the second charge."));
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(opened.Id));
        return opened;
    }

    [Fact]
    public async Task Case_history_lists_who_did_what_oldest_first_with_values_before_and_after()
    {
        var opened = await OpenAnsweredAndResolvedAsync("History of a refund");

        var history = await SendAs<IReadOnlyList<AuditEntry>>(Demo.Agent1, new GetCaseAudit.Query(opened.Id));

        history.Select(e => e.Action).ShouldBe(["case.opened", "case.message_added", "case.status_changed"]);
        history.ShouldAllBe(e => e.CaseNumber == opened.Number);
        history[0].Actor.ShouldBe(Demo.Alice);
        history[0].Changes.ShouldContain(new AuditChange("queue", null, "Portal-Tier1"));
        history[1].Actor.ShouldBe(Demo.Agent1);
        history[1].Changes.ShouldBe([new AuditChange("status", "New", "Open")]);
        history[2].Changes.ShouldBe([new AuditChange("status", "Open", "Resolved")]);
        history.ShouldAllBe(e => e.ActorIp == null); // addresses are for supervisors

        var supervisorView = await SendAs<IReadOnlyList<AuditEntry>>(Demo.Supervisor, new GetCaseAudit.Query(opened.Id));
        supervisorView[1].ActorIp.ShouldBe("127.0.0.1");
    }

    [Fact]
    public async Task Subscribers_are_refused_the_history_even_of_their_own_case_and_agents_below_the_cases_tier_too()
    {
        var own = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("My own history", "Billing", "Charged twice."));
        var sensitive = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("Stranger messages me", "Harassment", "Someone keeps messaging my profile."));

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<AuditEntry>>(Demo.Alice, new GetCaseAudit.Query(own.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<AuditEntry>>(Demo.Bob, new GetCaseAudit.Query(own.Id)));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<IReadOnlyList<AuditEntry>>(Demo.Agent1, new GetCaseAudit.Query(sensitive.Id)));
        (await SendAs<IReadOnlyList<AuditEntry>>(Demo.Agent3, new GetCaseAudit.Query(sensitive.Id))).ShouldNotBeEmpty();
        await Should.ThrowAsync<NotFoundException>(() => SendAs<IReadOnlyList<AuditEntry>>(Demo.Agent1, new GetCaseAudit.Query(Guid.NewGuid())));
    }

    [Fact]
    public async Task Supervisors_search_the_log_by_case_actor_action_and_time_newest_first()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var opened = await OpenAnsweredAndResolvedAsync("Searchable refund");

        var byCase = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(CaseNumber: opened.Number));
        byCase.Items.Select(e => e.Action).ShouldBe(["case.status_changed", "case.message_added", "case.opened"]);
        byCase.NextCursor.ShouldBeNull();

        var lowerCaseNumber = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(CaseNumber: opened.Number.ToLowerInvariant()));
        lowerCaseNumber.Items.Count.ShouldBe(3);

        var bySam = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(CaseNumber: opened.Number, Actor: "AGENT1@"));
        bySam.Items.Select(e => e.Action).ShouldBe(["case.status_changed", "case.message_added"]);

        var messages = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(Action: "case.message", From: before));
        messages.Items.ShouldNotBeEmpty();
        messages.Items.ShouldAllBe(e => e.Action.StartsWith("case.message") && e.OccurredAt >= before);

        var seeded = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(To: before, PageSize: 200));
        seeded.Items.ShouldNotBeEmpty();
        seeded.Items.ShouldAllBe(e => e.OccurredAt < before);
        seeded.Items.ShouldNotContain(e => e.CaseId == opened.Id);

        var unknownCase = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(CaseNumber: "HD-999999"));
        unknownCase.Items.ShouldBeEmpty();

        var wildcard = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(Actor: "%"));
        wildcard.Items.ShouldBeEmpty(); // % is matched literally, not as "anything"
    }

    [Fact]
    public async Task Paging_the_log_visits_every_event_once_newest_first()
    {
        await OpenAnsweredAndResolvedAsync("Paged refund one");
        await OpenAnsweredAndResolvedAsync("Paged refund two");
        var all = await WithDb(db => db.AuditEvents.CountAsync());

        var seen = new List<AuditEntry>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SendAs<Page<AuditEntry>>(Demo.Supervisor, new SearchAudit.Query(Cursor: cursor, PageSize: 4));
            page.Items.Count.ShouldBeLessThanOrEqualTo(4);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        seen.Count.ShouldBe(all);
        seen.Select(e => e.Id).Distinct().Count().ShouldBe(all);
        seen.ShouldBe(seen.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).ToList());
        pages.ShouldBe((all + 3) / 4);
    }

    [Fact]
    public async Task Agents_and_subscribers_cannot_search_the_log_and_bad_filters_are_explained()
    {
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<Page<AuditEntry>>(Demo.Agent3, new SearchAudit.Query()));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<Page<AuditEntry>>(Demo.Alice, new SearchAudit.Query()));

        var bad = await Should.ThrowAsync<ValidationException>(() => SendAs<Page<AuditEntry>>(
            Demo.Supervisor, new SearchAudit.Query(CaseNumber: "case 12", From: DateTimeOffset.UtcNow, To: DateTimeOffset.UtcNow.AddDays(-1), Cursor: "garbage!")));
        bad.Errors.ShouldContain(e => e.PropertyName == "CaseNumber" && e.ErrorMessage == "Enter a case number like HD-000123.");
        bad.Errors.ShouldContain(e => e.PropertyName == "To" && e.ErrorMessage.Contains("after its start"));
        bad.Errors.ShouldContain(e => e.PropertyName == "Cursor");
    }
}
