using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.Domain.Tests.Sla;

public sealed class CaseSlaTests
{
    // Monday 5 January 2026, 09:00 in London (GMT, so also 09:00Z).
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Subscriber Alice = Subscriber.Create("u1", "alice@example.com", "Alice", "Martin", SubscriptionPlan.Premium, "US", "en", "America/New_York", "USD", Now.AddYears(-2));
    private static readonly Agent Sam = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);

    /// <summary>Normal priority, 24/7: first response 4 h, next response 2 h, resolution 24 h, warnings at 80 %.</summary>
    private static readonly SlaPolicy Normal = SlaPolicy.Create("Normal", CasePriority.Normal, TimeSpan.FromHours(4), TimeSpan.FromHours(2), TimeSpan.FromHours(24));

    private static readonly SlaPolicy Urgent = SlaPolicy.Create("Urgent", CasePriority.Urgent, TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), TimeSpan.FromHours(8));

    private static readonly SlaPolicy OfficeHours = SlaPolicy.Create(
        "Office", CasePriority.Normal, TimeSpan.FromHours(4), TimeSpan.FromHours(4), TimeSpan.FromHours(16),
        new BusinessCalendar("Europe/London", new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new BusinessHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))), []));

    private static Case NewCase() => Case.Open(123, Alice, Channel.Portal, CaseCategory.Playback, "Buffering", "Stops every few minutes", Now);

    private static Case Refreshed(Case c, SlaPolicy policy)
    {
        c.RefreshSla(policy);
        return c;
    }

    [Fact]
    public void First_response_and_resolution_are_due_from_opening_with_warnings_at_the_policys_share()
    {
        var c = Refreshed(NewCase(), Normal);

        c.SlaPolicyId.ShouldBe(Normal.Id);
        c.IsFirstResponseOwed.ShouldBeTrue();
        c.ResponseDueAt.ShouldBe(Now.AddHours(4));
        c.ResponseWarnAt.ShouldBe(Now.AddMinutes(192)); // 80 % of 4 h
        c.ResolutionDueAt.ShouldBe(Now.AddHours(24));
        c.ResolutionWarnAt.ShouldBe(Now.AddMinutes(1152));
        c.AttentionAt.ShouldBe(Now.AddHours(4));
        c.SlaState.ShouldBe(SlaState.Ok);
        c.SlaNeedsRefresh.ShouldBeFalse();
    }

    [Fact]
    public void Business_hours_deadlines_skip_the_night()
    {
        var opened = Case.Open(124, Alice, Channel.Portal, CaseCategory.Playback, "Late", "Evening report", Now.AddHours(7)); // Monday 16:00
        opened.RefreshSla(OfficeHours);

        opened.ResponseDueAt.ShouldBe(Now.AddDays(1).AddHours(3)); // 1 h on Monday, 3 h on Tuesday → Tuesday 12:00
        opened.ResolutionDueAt.ShouldBe(Now.AddDays(2).AddHours(7)); // 16 business hours → Wednesday 16:00
    }

    [Fact]
    public void An_internal_note_does_not_satisfy_the_first_response()
    {
        var c = Refreshed(NewCase(), Normal);

        c.AddInternalNote(Sam, "Looks like the CDN issue", Now.AddHours(1));
        c.RefreshSla(Normal);

        c.FirstRespondedAt.ShouldBeNull();
        c.IsFirstResponseOwed.ShouldBeTrue();
        c.ResponseDueAt.ShouldBe(Now.AddHours(4));
        c.CheckSla(Now.AddHours(4)).ShouldHaveSingleItem().ShouldBe(new SlaAlert(SlaTarget.FirstResponse, SlaState.Breached, Now.AddHours(4)));
    }

    [Fact]
    public void The_first_public_agent_reply_satisfies_the_first_response()
    {
        var c = Refreshed(NewCase(), Normal);

        c.AddAgentReply(Sam, "Please update the app", Now.AddHours(2));
        c.RefreshSla(Normal);

        c.FirstRespondedAt.ShouldBe(Now.AddHours(2));
        c.IsFirstResponseOwed.ShouldBeFalse();
        c.ResponseDueAt.ShouldBeNull();
        c.ResponseWarnAt.ShouldBeNull();
        c.AttentionAt.ShouldBe(Now.AddHours(24)); // only the resolution clock runs now
        c.CheckSla(Now.AddHours(5)).ShouldBeEmpty();
    }

    [Fact]
    public void The_next_response_clock_starts_at_the_subscribers_next_message_and_not_again_at_the_one_after()
    {
        var c = Refreshed(NewCase(), Normal);
        c.AddAgentReply(Sam, "Please update the app", Now.AddHours(1));

        c.AddSubscriberMessage(Alice, "Still buffering", Now.AddHours(3));
        c.RefreshSla(Normal);
        c.ResponseClockStartedAt.ShouldBe(Now.AddHours(3));
        c.ResponseDueAt.ShouldBe(Now.AddHours(5)); // next response: 2 h

        c.AddSubscriberMessage(Alice, "Hello?", Now.AddHours(4));
        c.RefreshSla(Normal);
        c.ResponseDueAt.ShouldBe(Now.AddHours(5));

        c.CheckSla(Now.AddHours(5)).ShouldHaveSingleItem().ShouldBe(new SlaAlert(SlaTarget.NextResponse, SlaState.Breached, Now.AddHours(5)));
    }

    [Fact]
    public void Waiting_for_the_subscriber_pauses_the_clock_and_moves_the_resolution_deadline_by_the_paused_business_time()
    {
        var c = Refreshed(NewCase(), OfficeHours);
        c.ResolutionDueAt.ShouldBe(Now.AddDays(1).AddHours(8)); // Tuesday 17:00

        c.AddAgentReply(Sam, "Which TV model is it?", Now.AddHours(4));
        c.ChangeStatus(Sam, CaseStatus.PendingSubscriber, Now.AddHours(4)); // Monday 13:00, 4 business hours used
        c.RefreshSla(OfficeHours);

        c.SlaPausedAt.ShouldBe(Now.AddHours(4));
        c.ResolutionDueAt.ShouldBeNull();
        c.ResponseDueAt.ShouldBeNull();
        c.AttentionAt.ShouldBeNull();
        c.CheckSla(Now.AddDays(3)).ShouldBeEmpty(); // nothing runs out while paused

        // Thursday 11:00: paused for Monday 13–17, Tuesday, Wednesday and Thursday 09–11 = 22 business hours.
        c.AddSubscriberMessage(Alice, "A 2019 Samsung", Now.AddDays(3).AddHours(2));
        c.RefreshSla(OfficeHours);

        c.Status.ShouldBe(CaseStatus.Open);
        c.SlaPausedAt.ShouldBeNull();
        c.SlaPausedFor.ShouldBe(TimeSpan.FromHours(22));
        // 12 business hours were left: Thursday 11–17 and Friday 09–15.
        c.ResolutionDueAt.ShouldBe(Now.AddDays(4).AddHours(6));
        c.ResponseDueAt.ShouldBe(Now.AddDays(3).AddHours(6)); // next response from her message: Thursday 15:00
    }

    [Fact]
    public void Pauses_add_up()
    {
        var c = Refreshed(NewCase(), Normal);
        c.ChangeStatus(Sam, CaseStatus.PendingSubscriber, Now.AddHours(1));
        c.AddSubscriberMessage(Alice, "Back", Now.AddHours(3));
        c.ChangeStatus(Sam, CaseStatus.PendingSubscriber, Now.AddHours(4));
        c.ChangeStatus(Sam, CaseStatus.Open, Now.AddHours(9));
        c.RefreshSla(Normal);

        c.SlaPausedFor.ShouldBe(TimeSpan.FromHours(7));
        c.ResolutionDueAt.ShouldBe(Now.AddHours(31));
    }

    [Fact]
    public void Changing_priority_recomputes_the_deadlines_under_the_new_policy()
    {
        var c = Refreshed(NewCase(), Normal);

        var before = c.ChangePriority(Sam, CasePriority.Urgent, Now.AddMinutes(10));
        c.SlaNeedsRefresh.ShouldBeTrue();
        c.RefreshSla(SlaPolicy.Select([Normal, Urgent], c.Priority, c.Channel));

        before.ShouldBe(CasePriority.Normal);
        c.SlaPolicyId.ShouldBe(Urgent.Id);
        c.ResponseDueAt.ShouldBe(Now.AddHours(1)); // still counted from opening
        c.ResolutionDueAt.ShouldBe(Now.AddHours(8));
        c.CheckSla(Now.AddHours(1)).ShouldHaveSingleItem().Target.ShouldBe(SlaTarget.FirstResponse);
    }

    [Fact]
    public void Lowering_priority_clears_a_warning_raised_under_the_stricter_target()
    {
        var c = NewCase();
        c.ChangePriority(Sam, CasePriority.Urgent, Now);
        c.RefreshSla(Urgent);
        c.CheckSla(Now.AddMinutes(50)).ShouldHaveSingleItem().State.ShouldBe(SlaState.Warning);

        c.ChangePriority(Sam, CasePriority.Normal, Now.AddMinutes(55));
        c.RefreshSla(Normal);

        c.SlaState.ShouldBe(SlaState.Ok);
        c.CheckSla(Now.AddMinutes(56)).ShouldBeEmpty();
    }

    [Fact]
    public void Reopening_a_resolved_case_starts_a_fresh_resolution_clock()
    {
        var c = Refreshed(NewCase(), Normal);
        c.AddAgentReply(Sam, "Fixed on our side", Now.AddHours(1));
        c.RefreshSla(Normal);
        c.CheckSla(Now.AddHours(20)).ShouldHaveSingleItem().ShouldBe(new SlaAlert(SlaTarget.Resolution, SlaState.Warning, Now.AddHours(24)));
        c.Resolve(Sam, Now.AddHours(21));
        c.RefreshSla(Normal);
        c.ResolutionDueAt.ShouldBeNull();
        c.AttentionAt.ShouldBeNull();
        c.CheckSla(Now.AddHours(30)).ShouldBeEmpty();

        c.AddSubscriberMessage(Alice, "It is back", Now.AddHours(30));
        c.RefreshSla(Normal);

        c.Status.ShouldBe(CaseStatus.Open);
        c.ReopenCount.ShouldBe(1);
        c.ResolutionClockStartedAt.ShouldBe(Now.AddHours(30));
        c.ResolutionSla.ShouldBe(SlaState.Ok);
        c.ResolutionDueAt.ShouldBe(Now.AddHours(54));
        c.ResponseDueAt.ShouldBe(Now.AddHours(32));
    }

    [Fact]
    public void Each_warning_and_breach_is_raised_exactly_once_and_noted_internally()
    {
        var c = Refreshed(NewCase(), Normal);
        var timelineBefore = c.Interactions.Count;

        c.CheckSla(Now.AddHours(3)).ShouldBeEmpty();
        c.CheckSla(Now.AddMinutes(192)).ShouldBe([new SlaAlert(SlaTarget.FirstResponse, SlaState.Warning, Now.AddHours(4))]);
        c.CheckSla(Now.AddMinutes(193)).ShouldBeEmpty();
        c.ResponseSla.ShouldBe(SlaState.Warning);
        c.CheckSla(Now.AddHours(4)).ShouldBe([new SlaAlert(SlaTarget.FirstResponse, SlaState.Breached, Now.AddHours(4))]);
        c.CheckSla(Now.AddHours(5)).ShouldBeEmpty();
        c.CheckSla(Now.AddMinutes(1152)).ShouldBe([new SlaAlert(SlaTarget.Resolution, SlaState.Warning, Now.AddHours(24))]);
        c.CheckSla(Now.AddHours(24)).ShouldBe([new SlaAlert(SlaTarget.Resolution, SlaState.Breached, Now.AddHours(24))]);
        c.CheckSla(Now.AddDays(10)).ShouldBeEmpty();

        c.ResponseSla.ShouldBe(SlaState.Breached);
        c.ResolutionSla.ShouldBe(SlaState.Breached);
        var notes = c.Interactions.Skip(timelineBefore).ToList();
        notes.Count.ShouldBe(4);
        notes.ShouldAllBe(i => i.Visibility == Visibility.Internal && i.AuthorKind == AuthorKind.System);
        notes[0].Body.ShouldBe("SLA at risk: first response due 2026-01-05 13:00 UTC.");
        notes[1].Body.ShouldBe("SLA breached: first response due 2026-01-05 13:00 UTC.");
        notes[3].Body.ShouldBe("SLA breached: resolution due 2026-01-06 09:00 UTC.");
    }

    [Fact]
    public void A_late_check_raises_the_breach_without_the_warning_it_skipped()
    {
        var c = Refreshed(NewCase(), Normal);

        var alerts = c.CheckSla(Now.AddDays(2));

        alerts.ShouldBe([
            new SlaAlert(SlaTarget.FirstResponse, SlaState.Breached, Now.AddHours(4)),
            new SlaAlert(SlaTarget.Resolution, SlaState.Breached, Now.AddHours(24)),
        ]);
        c.CheckSla(Now.AddDays(3)).ShouldBeEmpty();
    }

    [Fact]
    public void A_reply_clears_a_breached_response_so_the_next_wait_can_be_raised_again()
    {
        var c = Refreshed(NewCase(), Normal);
        c.CheckSla(Now.AddHours(4)).ShouldHaveSingleItem();

        c.AddAgentReply(Sam, "Sorry for the wait", Now.AddHours(5));
        c.ResponseSla.ShouldBe(SlaState.Ok);
        c.AddSubscriberMessage(Alice, "Still broken", Now.AddHours(6));
        c.RefreshSla(Normal);

        c.CheckSla(Now.AddHours(8)).ShouldHaveSingleItem().ShouldBe(new SlaAlert(SlaTarget.NextResponse, SlaState.Breached, Now.AddHours(8)));
    }

    [Fact]
    public void Resolved_and_closed_cases_raise_nothing()
    {
        var c = Refreshed(NewCase(), Normal);
        c.Resolve(Sam, Now.AddHours(1));
        c.RefreshSla(Normal);

        c.CheckSla(Now.AddDays(30)).ShouldBeEmpty();
        c.CloseIfResolvedBefore(Now.AddDays(7), Now.AddDays(8)).ShouldNotBeNull();
        c.CheckSla(Now.AddDays(30)).ShouldBeEmpty();
    }

    [Fact]
    public void Auto_close_waits_for_the_whole_reopen_window()
    {
        var c = Refreshed(NewCase(), Normal);
        c.Resolve(Sam, Now.AddHours(1));

        c.CloseIfResolvedBefore(Now, Now.AddDays(3)).ShouldBeNull(); // resolved after the cut-off
        c.Status.ShouldBe(CaseStatus.Resolved);

        var entry = c.CloseIfResolvedBefore(Now.AddHours(1), Now.AddDays(7));

        entry.ShouldNotBeNull().Visibility.ShouldBe(Visibility.Public);
        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedAt.ShouldBe(Now.AddDays(7));
        c.CloseIfResolvedBefore(Now.AddDays(7), Now.AddDays(8)).ShouldBeNull();
    }

    [Fact]
    public void A_missed_follow_up_keeps_the_case_first_for_attention_until_an_agent_replies()
    {
        var c = Refreshed(NewCase(), Normal);
        c.AddAgentReply(Sam, "Looking into it", Now.AddMinutes(30));
        var promise = c.PromiseFollowUp(Sam, Now.AddHours(5), "I will check with the CDN team", Now.AddHours(1));
        c.RefreshSla(Normal);
        c.FollowUpDueAt.ShouldBe(Now.AddHours(5));
        c.AttentionAt.ShouldBe(Now.AddHours(5));

        c.MissDueFollowUps(Now.AddHours(4)).ShouldBeEmpty();
        var missed = c.MissDueFollowUps(Now.AddHours(5));

        missed.ShouldHaveSingleItem().ShouldBeSameAs(promise);
        promise.Status.ShouldBe(FollowUpStatus.Missed);
        promise.SettledAt.ShouldBe(Now.AddHours(5));
        c.FollowUpDueAt.ShouldBe(Now.AddHours(5)); // missed and unanswered: still the most urgent thing on the case
        c.AttentionAt.ShouldBe(Now.AddHours(5));
        c.Interactions[^1].Visibility.ShouldBe(Visibility.Internal);
        c.Interactions[^1].Body.ShouldBe("Follow-up promised by Sam (Tier 1 agent) for 2026-01-05 14:00 UTC was missed.");
        c.MissDueFollowUps(Now.AddHours(6)).ShouldBeEmpty();

        c.AddAgentReply(Sam, "Sorry, here is the update", Now.AddHours(7));
        c.RefreshSla(Normal);

        c.FollowUpDueAt.ShouldBeNull();
        promise.Status.ShouldBe(FollowUpStatus.Missed);
        c.AttentionAt.ShouldBe(Now.AddHours(24));
    }

    [Fact]
    public void A_follow_up_is_kept_by_a_public_reply_before_it_is_due_but_not_by_a_note()
    {
        var c = Refreshed(NewCase(), Normal);
        var promise = c.PromiseFollowUp(Sam, Now.AddHours(5), null, Now.AddHours(1));

        c.AddInternalNote(Sam, "Asked the CDN team", Now.AddHours(2));
        promise.Status.ShouldBe(FollowUpStatus.Pending);

        c.AddAgentReply(Sam, "The CDN team fixed it", Now.AddHours(3));

        promise.Status.ShouldBe(FollowUpStatus.Kept);
        promise.SettledAt.ShouldBe(Now.AddHours(3));
        c.FollowUpDueAt.ShouldBeNull();
        c.MissDueFollowUps(Now.AddHours(6)).ShouldBeEmpty();
    }

    [Fact]
    public void Resolving_keeps_a_pending_promise_so_the_sweeper_never_reports_it_missed()
    {
        var c = Refreshed(NewCase(), Normal);
        var promise = c.PromiseFollowUp(Sam, Now.AddHours(5), "I will confirm the refund", Now.AddHours(1));

        c.Resolve(Sam, Now.AddHours(2));
        c.RefreshSla(Normal);

        promise.Status.ShouldBe(FollowUpStatus.Kept);
        c.FollowUpDueAt.ShouldBeNull();
        c.AttentionAt.ShouldBeNull();
        c.MissDueFollowUps(Now.AddHours(6)).ShouldBeEmpty();
    }
}
