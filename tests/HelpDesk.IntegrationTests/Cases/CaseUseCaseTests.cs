using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Cases;

public sealed class CaseUseCaseTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<OpenCase.Result> Open(string email, string subject = "Playback stutters", string category = "Playback", Guid? requestId = null) =>
        SendAs<OpenCase.Result>(email, new OpenCase.Command(subject, category, "It stops every few minutes on my TV.", requestId));

    [Fact]
    public async Task Opening_a_case_stores_it_with_a_number_a_received_timeline_and_an_audit_event()
    {
        var opened = await Open(Demo.Alice, "Cannot play anything");

        opened.Number.ShouldMatch(@"^HD-\d{6}$");
        opened.Status.ShouldBe(CaseStatus.New);
        opened.Queue.ShouldBe("Portal-Tier1");
        var stored = await WithDb(db => db.Cases.Include(c => c.Interactions).SingleAsync(c => c.Id == opened.Id));
        stored.Subject.ShouldBe("Cannot play anything");
        stored.Tier.ShouldBe(AgentTier.Tier1);
        stored.Interactions.Count.ShouldBe(2);
        stored.Interactions.ShouldContain(i => i.AuthorKind == AuthorKind.Subscriber && i.Body.Contains("every few minutes"));
        var audit = await WithDb(db => db.AuditEvents.Where(a => a.CaseId == opened.Id).ToListAsync());
        audit.ShouldHaveSingleItem().Action.ShouldBe("case.opened");
        audit[0].ActorName.ShouldBe(Demo.Alice);

        var details = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(opened.Id));
        details.Stage.ShouldBe(SubscriberStage.Received);
    }

    [Theory]
    [InlineData("ChildSafety")]
    [InlineData("AccountTakeover")]
    [InlineData("Harassment")]
    [InlineData("Legal")]
    public async Task Sensitive_categories_go_straight_to_tier3_as_urgent(string category)
    {
        var opened = await Open(Demo.Bob, "Please help", category);

        var stored = await WithDb(db => db.Cases.SingleAsync(c => c.Id == opened.Id));
        stored.Tier.ShouldBe(AgentTier.Tier3);
        stored.Priority.ShouldBe(CasePriority.Urgent);
        stored.Queue.ShouldBe("Tier3");
    }

    [Fact]
    public async Task Sending_the_same_request_twice_opens_one_case()
    {
        var requestId = Guid.NewGuid();
        var first = await Open(Demo.Alice, "Double click", requestId: requestId);
        var second = await Open(Demo.Alice, "Double click", requestId: requestId);

        second.Id.ShouldBe(first.Id);
        second.Replayed.ShouldBeTrue();
        (await WithDb(db => db.Cases.CountAsync(c => c.ClientRequestId == requestId))).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_double_submits_open_one_case()
    {
        var requestId = Guid.NewGuid();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await Open(Demo.Alice, "Racing clicks", requestId: requestId)).Id;
            }
            catch (ConcurrencyConflictException)
            {
                return Guid.Empty;
            }
        }));

        attempts.Where(id => id != Guid.Empty).Distinct().ShouldHaveSingleItem();
        (await WithDb(db => db.Cases.CountAsync(c => c.ClientRequestId == requestId))).ShouldBe(1);
    }

    [Fact]
    public async Task Case_numbers_stay_unique_when_many_cases_open_at_once()
    {
        var opened = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Open(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Parallel {i}")));

        opened.Select(o => o.Number).Distinct().Count().ShouldBe(20);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_field_messages_and_changes_nothing()
    {
        var before = await WithDb(db => db.Cases.CountAsync());

        var empty = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("", "Billing", "Charged twice")));
        empty.Errors.ShouldContain(e => e.PropertyName == "Subject" && e.ErrorMessage.Contains("subject"));

        var unknown = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Hi", "Refunds<script>", "x")));
        unknown.Errors.ShouldContain(e => e.PropertyName == "Category" && e.ErrorMessage.Contains("is not a category"));

        var numeric = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Hi", "3", "x")));
        numeric.Errors.ShouldContain(e => e.PropertyName == "Category");

        var huge = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Hi", "Billing", new string('x', 10 * 1024 * 1024))));
        huge.Errors.ShouldContain(e => e.PropertyName == "Description" && e.ErrorMessage.Contains("20,000 characters or fewer"));

        (await WithDb(db => db.Cases.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Anonymous_callers_and_staff_cannot_open_cases()
    {
        await Should.ThrowAsync<UnauthenticatedException>(() => Open(null!));
        await Should.ThrowAsync<ForbiddenException>(() => Open(Demo.Agent1));
    }

    [Fact]
    public async Task A_subscriber_never_sees_another_subscribers_case()
    {
        var alices = await Open(Demo.Alice, "Alice's private matter");

        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Bob, new GetCase.Query(alices.Id)));
        await Should.ThrowAsync<NotFoundException>(() =>
            SendAs<TimelineEntry>(Demo.Bob, new AddMessage.Command(alices.Id, "Let me in")));
        var bobsList = await SendAs<Page<CaseSummary>>(Demo.Bob, new ListCases.Query(PageSize: 100));
        bobsList.Items.ShouldNotContain(c => c.Id == alices.Id);
        bobsList.Items.ShouldAllBe(c => c.SubscriberName.StartsWith("Bob"));

        // A made-up id answers exactly like someone else's case.
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Bob, new GetCase.Query(Guid.NewGuid())));
    }

    [Fact]
    public async Task Agent_reply_is_public_but_the_internal_note_stays_with_staff()
    {
        var opened = await Open(Demo.Alice, "Reply and note");

        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, "Please restart the app; it clears the cache.", Internal: false));
        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, "Subscriber seems frustrated; known CDN issue.", Internal: true));

        var seenByAlice = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(opened.Id));
        seenByAlice.Timeline.ShouldContain(e => e.Body.Contains("restart the app"));
        seenByAlice.Timeline.ShouldNotContain(e => e.Body.Contains("CDN"));
        seenByAlice.Timeline.ShouldAllBe(e => e.Visibility == Visibility.Public);
        seenByAlice.Stage.ShouldBe(SubscriberStage.WithAnAgent);
        seenByAlice.AssigneeName.ShouldBe("Sam (Tier 1 agent)");
        seenByAlice.Subscriber.ShouldBeNull();

        var seenByAgent = await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(opened.Id));
        seenByAgent.Timeline.ShouldContain(e => e.Body.Contains("CDN") && e.Visibility == Visibility.Internal);
        seenByAgent.Subscriber.ShouldNotBeNull().Plan.ShouldBe("Premium");
        seenByAgent.Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public async Task Subscribers_cannot_write_internal_notes()
    {
        var opened = await Open(Demo.Alice, "Sneaky");

        await Should.ThrowAsync<ForbiddenException>(() =>
            SendAs<TimelineEntry>(Demo.Alice, new AddMessage.Command(opened.Id, "hidden", Internal: true)));
        (await WithDb(db => db.Interactions.CountAsync(i => i.CaseId == opened.Id && i.Visibility == Visibility.Internal))).ShouldBe(0);
    }

    [Fact]
    public async Task A_tier1_agent_cannot_open_or_work_a_tier3_case_but_tier3_can()
    {
        var sensitive = await Open(Demo.Bob, "My account was stolen", "AccountTakeover");

        // Exactly the answer for a random id: the case's existence and tier do not leak.
        var hidden = await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(sensitive.Id)));
        var random = Guid.NewGuid();
        var missing = await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(random)));
        hidden.Message.Replace(sensitive.Id.ToString(), "{id}").ShouldBe(missing.Message.Replace(random.ToString(), "{id}"));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(sensitive.Id)));
        var tier1List = await SendAs<Page<CaseSummary>>(Demo.Agent1, new ListCases.Query(PageSize: 100));
        tier1List.Items.ShouldNotContain(c => c.Id == sensitive.Id);

        var details = await SendAs<CaseDetails>(Demo.Agent3, new GetCase.Query(sensitive.Id));
        details.Tier.ShouldBe(AgentTier.Tier3);
    }

    [Fact]
    public async Task Resolving_shows_resolved_to_the_subscriber_and_their_reply_reopens_it()
    {
        var opened = await Open(Demo.Alice, "Resolve me");

        var resolved = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(opened.Id));
        resolved.Status.ShouldBe(CaseStatus.Resolved);
        var again = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(opened.Id));
        again.ResolvedAt.ShouldBe(resolved.ResolvedAt);
        (await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(opened.Id))).Stage.ShouldBe(SubscriberStage.Resolved);
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.CaseId == opened.Id && a.Action == "case.status_changed"))).ShouldBe(1);

        await SendAs<TimelineEntry>(Demo.Alice, new AddMessage.Command(opened.Id, "It broke again."));
        (await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(opened.Id))).Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public async Task Subscribers_cannot_resolve_cases()
    {
        var opened = await Open(Demo.Alice, "Self-resolve");

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<ResolveCase.Result>(Demo.Alice, new ResolveCase.Command(opened.Id)));
    }

    [Fact]
    public async Task Staff_filter_by_status_queue_and_tier()
    {
        var opened = await Open(Demo.Alice, "Filter me", "Devices");

        var page = await SendAs<Page<CaseSummary>>(Demo.Agent2, new ListCases.Query(Status: "New", Queue: "Portal-Tier1", Tier: "Tier1", PageSize: 100));

        page.Items.ShouldContain(c => c.Id == opened.Id);
        page.Items.ShouldAllBe(c => c.Status == CaseStatus.New && c.Queue == "Portal-Tier1" && c.Tier == AgentTier.Tier1);
        await Should.ThrowAsync<ValidationException>(() => SendAs<Page<CaseSummary>>(Demo.Agent2, new ListCases.Query(Status: "Sleeping")));
    }

    [Fact]
    public async Task Keyset_paging_walks_every_case_once_newest_first()
    {
        for (var i = 0; i < 12; i++)
        {
            await Open(Demo.Bob, $"Paging {i}");
        }

        var seen = new List<CaseSummary>();
        string? cursor = null;
        do
        {
            var page = await SendAs<Page<CaseSummary>>(Demo.Bob, new ListCases.Query(Cursor: cursor, PageSize: 5));
            page.Items.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var all = await WithDb(db => db.Cases.CountAsync(c => c.Subscriber!.Email == Demo.Bob));
        seen.Count.ShouldBe(all);
        seen.Select(c => c.Id).Distinct().Count().ShouldBe(all);
        seen.Select(c => c.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
        await Should.ThrowAsync<ValidationException>(() => SendAs<Page<CaseSummary>>(Demo.Bob, new ListCases.Query(Cursor: "not-a-cursor")));
    }

    [Fact]
    public async Task Queues_count_open_cases_for_the_agents_tier_only()
    {
        await Open(Demo.Alice, "Queue count");
        await Open(Demo.Bob, "Sensitive one", "Legal");

        var tier1 = await SendAs<IReadOnlyList<HelpDesk.Application.Queues.ListQueues.QueueSummary>>(Demo.Agent1, new HelpDesk.Application.Queues.ListQueues.Query());
        var tier3 = await SendAs<IReadOnlyList<HelpDesk.Application.Queues.ListQueues.QueueSummary>>(Demo.Agent3, new HelpDesk.Application.Queues.ListQueues.Query());

        tier1.ShouldAllBe(q => q.Tier == AgentTier.Tier1);
        tier1.Single(q => q.Name == "Portal-Tier1").Open.ShouldBeGreaterThan(0);
        tier3.ShouldContain(q => q.Name == "Tier3");
        await Should.ThrowAsync<ForbiddenException>(() =>
            SendAs<IReadOnlyList<HelpDesk.Application.Queues.ListQueues.QueueSummary>>(Demo.Alice, new HelpDesk.Application.Queues.ListQueues.Query()));
    }

    [Fact]
    public async Task A_reply_to_a_closed_case_opens_a_new_case_linked_to_it()
    {
        var opened = await Open(Demo.Alice, "Will be closed");
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(opened.Id));
        await WithDb(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == opened.Id);
            c.MoveTo(CaseStatus.Closed, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });

        var requestId = Guid.NewGuid();
        var entry = await SendAs<TimelineEntry>(Demo.Alice, new AddMessage.Command(opened.Id, "It is happening again.", ClientRequestId: requestId));
        entry.CaseId.ShouldNotBe(opened.Id);
        var replay = await SendAs<TimelineEntry>(Demo.Alice, new AddMessage.Command(opened.Id, "It is happening again.", ClientRequestId: requestId));
        replay.Id.ShouldBe(entry.Id);

        var (followOn, oldStatus, pointer, count) = await WithDb(async db =>
        {
            var created = await db.Cases.SingleAsync(x => x.Id == entry.CaseId);
            var old = await db.Cases.SingleAsync(x => x.Id == opened.Id);
            var note = await db.Interactions.Where(i => i.CaseId == opened.Id).OrderByDescending(i => i.CreatedAt).Select(i => i.Body).FirstAsync();
            var followOns = await db.Cases.CountAsync(x => x.PreviousCaseId == opened.Id);
            return (created, old.Status, note, followOns);
        });
        followOn.PreviousCaseId.ShouldBe(opened.Id);
        followOn.Status.ShouldBe(CaseStatus.New);
        followOn.Subject.ShouldBe("Follow-up: Will be closed");
        followOn.ResponseDueAt.ShouldNotBeNull();
        oldStatus.ShouldBe(CaseStatus.Closed);
        pointer.ShouldContain(followOn.DisplayNumber);
        count.ShouldBe(1);
    }
}
