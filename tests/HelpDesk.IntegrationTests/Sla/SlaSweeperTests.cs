using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Sla;

public sealed class SlaSweeperTests(ClockedAppFactory app) : ClockedIntegrationTest<ClockedAppFactory>(app)
{
    private static readonly TimeSpan ReopenWindow = new CaseOptions().ReopenWindow;

    [Fact]
    public async Task Two_sweepers_running_at_once_raise_each_alert_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await OpenAsync(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Racing sweepers {i}"));
        }

        var assigned = ids.Where((_, i) => i % 3 == 0).ToHashSet();
        foreach (var id in assigned)
        {
            await AssignAsync(id, Demo.Agent1);
        }

        var sam = await AgentIdAsync(Demo.Agent1);
        var supervisors = await SupervisorIdsAsync();
        supervisors.ShouldNotBeEmpty();
        var opened = await WithDb(db => db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());

        // Past every warning point, then past every deadline; each time two sweepers race over the same cases in small batches.
        Clock.AdvancePast(opened.Max(c => c.ResponseWarnAt!.Value));
        await Task.WhenAll(Task.Run(() => SweepAsync(batchSize: 2)), Task.Run(() => SweepAsync(batchSize: 2)));
        Clock.AdvancePast(opened.Max(c => c.ResponseDueAt!.Value));
        await Task.WhenAll(Task.Run(() => SweepAsync(batchSize: 2)), Task.Run(() => SweepAsync(batchSize: 2)));

        foreach (var id in ids)
        {
            var timeline = await TimelineAsync(id);
            timeline.Count(i => i.Body.StartsWith("SLA at risk: first response", StringComparison.Ordinal)).ShouldBe(1);
            timeline.Count(i => i.Body.StartsWith("SLA breached: first response", StringComparison.Ordinal)).ShouldBe(1);

            var expectedRecipients = assigned.Contains(id) ? supervisors.Append(sam).ToList() : supervisors;
            var notifications = await NotificationsAsync(id);
            foreach (var kind in new[] { "sla.warning", "sla.breached" })
            {
                notifications.Where(n => n.Kind == kind).Select(n => n.AgentId)
                    .ShouldBe(expectedRecipients, ignoreOrder: true, $"one {kind} notification per recipient on case {id}");
            }

            var number = CaseNumber.Format((await CaseAsync(id)).Number);
            notifications.Where(n => n.Kind == "sla.breached").ShouldAllBe(n => n.Message == $"SLA breached: first response on {number}");
            var audit = await AuditAsync(id);
            audit.Count(a => a.Action == "sla.warning").ShouldBe(1);
            audit.Count(a => a.Action == "sla.breached").ShouldBe(1);
            audit.Where(a => a.Action.StartsWith("sla.", StringComparison.Ordinal)).ShouldAllBe(a => a.ActorName == "system:test-sweeper" && a.ActorUserId == null);
            (await CaseAsync(id)).ResponseSla.ShouldBe(SlaState.Breached);
        }
    }

    [Fact]
    public async Task A_second_sweep_raises_nothing_new()
    {
        var id = await OpenAsync(Demo.Alice, "Sweep me twice");
        Clock.AdvancePast((await CaseAsync(id)).ResponseDueAt!.Value);

        var first = await SweepAsync();
        var timeline = (await TimelineAsync(id)).Count;
        var notifications = (await NotificationsAsync(id)).Count;
        var audit = (await AuditAsync(id)).Count;

        first.Breaches.ShouldBeGreaterThanOrEqualTo(1);
        var second = await SweepAsync();

        second.ShouldBe(SweepSla.Result.Empty);
        (await TimelineAsync(id)).Count.ShouldBe(timeline);
        (await NotificationsAsync(id)).Count.ShouldBe(notifications);
        (await AuditAsync(id)).Count.ShouldBe(audit);
    }

    [Fact]
    public async Task A_missed_follow_up_puts_the_case_first_in_its_queue_and_notifies_the_assignee_and_supervisors()
    {
        var older = await OpenByEmailAsync(Demo.Alice, "Older email, nobody has answered");
        var promised = await OpenByEmailAsync(Demo.Bob, "Promised an update");
        await WriteAsync(Demo.Agent1, promised, "Thanks Bob, I am checking with the TV team.");
        var dueAt = Clock.UtcNow.AddMinutes(30);
        var promiseId = await PromiseFollowUpAsync(promised, Demo.Agent1, dueAt);

        Clock.AdvancePast(dueAt);
        var result = await SweepAsync();

        result.FollowUpsMissed.ShouldBeGreaterThanOrEqualTo(1);
        var @case = await CaseAsync(promised);
        @case.FollowUps.Single(f => f.Id == promiseId).Status.ShouldBe(FollowUpStatus.Missed);
        @case.FollowUpDueAt.ShouldBe(dueAt);
        @case.AttentionAt.ShouldBe(dueAt);
        (await CaseAsync(older)).AttentionAt.ShouldNotBeNull().ShouldBeGreaterThan(dueAt);
        var queueOrder = await WithDb(db => db.Cases.AsNoTracking()
            .Where(c => c.Queue == "Email-Tier1" && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .OrderBy(c => c.AttentionAt).ThenBy(c => c.CreatedAt)
            .Select(c => c.Id)
            .ToListAsync());
        queueOrder.First().ShouldBe(promised);
        queueOrder.ShouldContain(older);

        var sam = await AgentIdAsync(Demo.Agent1);
        var notified = (await NotificationsAsync(promised)).Where(n => n.Kind == "followup.missed").ToList();
        notified.Select(n => n.AgentId).ShouldBe((await SupervisorIdsAsync()).Append(sam), ignoreOrder: true);
        notified.ShouldAllBe(n => n.Message == $"Follow-up missed on {CaseNumber.Format(@case.Number)} (promised by Sam (Tier 1 agent))");
        (await TimelineAsync(promised)).Count(i => i.Body.Contains("was missed", StringComparison.Ordinal) && i.Visibility == Visibility.Internal).ShouldBe(1);
        (await AuditAsync(promised)).Where(a => a.Action == "followup.missed").ShouldHaveSingleItem().EntityId.ShouldBe(promiseId.ToString());

        // Answering the subscriber takes the missed promise off the top of the queue.
        await WriteAsync(Demo.Agent1, promised, "Sorry for the delay: the fix ships on Monday.");
        (await CaseAsync(promised)).FollowUpDueAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_case_resolved_for_the_whole_reopen_window_is_closed_automatically_once()
    {
        var id = await OpenAsync(Demo.Alice, "Resolve and forget");
        var resolved = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(id));

        Clock.AdvancePast(resolved.ResolvedAt!.Value + ReopenWindow - TimeSpan.FromMinutes(5));
        await SweepAsync();
        (await CaseAsync(id)).Status.ShouldBe(CaseStatus.Resolved);

        Clock.AdvancePast(resolved.ResolvedAt!.Value + ReopenWindow);
        var result = await SweepAsync();
        await SweepAsync();

        result.AutoClosed.ShouldBeGreaterThanOrEqualTo(1);
        var @case = await CaseAsync(id);
        @case.Status.ShouldBe(CaseStatus.Closed);
        @case.ClosedAt.ShouldNotBeNull();
        (await TimelineAsync(id)).Count(i => i.Body.Contains("closed automatically", StringComparison.Ordinal) && i.Visibility == Visibility.Public).ShouldBe(1);
        (await AuditAsync(id)).Count(a => a.Action == "case.auto_closed").ShouldBe(1);
    }

    [Fact]
    public async Task A_reply_within_the_reopen_window_reopens_the_case_and_a_later_one_opens_a_linked_case()
    {
        var within = await OpenAsync(Demo.Alice, "Back within the week");
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(within));
        Clock.Advance(TimeSpan.FromDays(1));

        var entry = await WriteAsync(Demo.Alice, within, "It started again.");

        entry.CaseId.ShouldBe(within);
        var reopened = await CaseAsync(within);
        reopened.Status.ShouldBe(CaseStatus.Open);
        reopened.ReopenCount.ShouldBe(1);
        reopened.ResolutionDueAt.ShouldNotBeNull().ShouldBeGreaterThan(Clock.UtcNow);

        var late = await OpenAsync(Demo.Alice, "Back after a fortnight");
        var resolved = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(late));
        Clock.AdvancePast(resolved.ResolvedAt!.Value + ReopenWindow);

        var followOnEntry = await WriteAsync(Demo.Alice, late, "It is broken again.");

        await AssertFollowOnAsync(late, followOnEntry, "Back after a fortnight");
        (await CaseAsync(late)).Status.ShouldBe(CaseStatus.Resolved);

        // Once the sweeper has closed a case, a reply opens a linked case the same way.
        var closed = await OpenAsync(Demo.Alice, "Closed by the sweeper");
        var resolvedToo = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(closed));
        Clock.AdvancePast(resolvedToo.ResolvedAt!.Value + ReopenWindow);
        await SweepAsync();
        (await CaseAsync(closed)).Status.ShouldBe(CaseStatus.Closed);

        await AssertFollowOnAsync(closed, await WriteAsync(Demo.Alice, closed, "Hello again."), "Closed by the sweeper");
    }

    [Fact]
    public async Task Nobody_signed_in_can_run_the_sweeper()
    {
        foreach (var email in new string?[] { null, Demo.Alice, Demo.Agent3, Demo.Supervisor, Demo.Admin })
        {
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<SweepSla.Result>(email, new SweepSla.Command()));
        }
    }

    private async Task AssertFollowOnAsync(Guid previousId, TimelineEntry entry, string subject)
    {
        entry.CaseId.ShouldNotBe(previousId);
        var followOn = await CaseAsync(entry.CaseId);
        followOn.PreviousCaseId.ShouldBe(previousId);
        followOn.Subject.ShouldBe($"Follow-up: {subject}");
        followOn.Status.ShouldBe(CaseStatus.New);
        followOn.ResponseDueAt.ShouldNotBeNull();
        var pointer = (await TimelineAsync(previousId)).Last();
        pointer.Visibility.ShouldBe(Visibility.Public);
        pointer.Body.ShouldContain($"we opened case {CaseNumber.Format(followOn.Number)}");
    }
}
