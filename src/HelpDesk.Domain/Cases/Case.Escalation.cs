using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Cases;

/// <summary>Moving a case between tiers: escalation up, hand-back down, and the subscriber's "ask for a supervisor".</summary>
public sealed partial class Case
{
    /// <summary>
    /// When the subscriber who asked for a supervisor can expect the answer. While set, the response deadline is at the
    /// latest this; a public reply (from a supervisor, since only they can work the case then) settles it.
    /// </summary>
    public DateTimeOffset? SupervisorAnswerDueAt { get; private set; }

    /// <summary>The next tier up, or null at Supervisor.</summary>
    public AgentTier? NextTier => Tier < AgentTier.Supervisor ? Tier + 1 : null;

    /// <summary>"a Tier 2 agent", "a supervisor": how a tier is named to the subscriber.</summary>
    public static string TierLabel(AgentTier tier) => tier == AgentTier.Supervisor ? "a supervisor" : $"a Tier {(int)tier} agent";

    /// <summary>
    /// Moves the case up to <paramref name="toTier"/>'s queue. SLA clocks keep running as they were; an assignee whose
    /// tier is below the new tier lets go. <paramref name="by"/> is null for a rule (<paramref name="rule"/> names it).
    /// </summary>
    public void Escalate(AgentTier toTier, string reason, Agent? by, DateTimeOffset now, string? rule = null)
    {
        if (by is not null)
        {
            EnsureAgentMayWork(by);
        }
        else if (string.IsNullOrWhiteSpace(rule))
        {
            throw new ArgumentException("An escalation without an agent must name the rule that made it.", nameof(rule));
        }

        EnsureNotClosed();
        if (Status == CaseStatus.Resolved)
        {
            throw new DomainRuleException("escalation.case_resolved", $"Case {DisplayNumber} is resolved; reopen it before escalating.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("escalation.reason_required", "Say why the case needs a higher tier.");
        }

        if (toTier <= Tier)
        {
            throw new DomainRuleException("escalation.not_higher",
                $"Case {DisplayNumber} is already at {Tier}; escalate it to a higher tier, or hand it back.");
        }

        var from = Tier;
        MoveToTier(toTier, now);
        var who = by is null ? $"Rule \"{rule}\"" : AgentLabel(by);
        Append(SystemEntry($"{who} escalated this case from {from} to {toTier}: {reason.Trim()}", Visibility.Internal, now), now);
        Append(SystemEntry($"Your case was passed to {TierLabel(toTier)}.", Visibility.Public, now), now);
    }

    /// <summary>Hands the case back down to <paramref name="toTier"/>'s queue with a note for the next agent; the case is unassigned.</summary>
    public void HandBack(Agent by, AgentTier toTier, string note, DateTimeOffset now)
    {
        EnsureAgentMayWork(by);
        EnsureNotClosed();
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainRuleException("escalation.note_required", "Leave a note for the tier that takes the case back.");
        }

        if (toTier >= Tier)
        {
            throw new DomainRuleException("escalation.not_lower", $"Case {DisplayNumber} is at {Tier}; hand it back to a lower tier.");
        }

        var from = Tier;
        Tier = toTier;
        Queue = CaseRouting.QueueFor(Channel, toTier);
        AssigneeId = null;
        Assignee = null;
        SupervisorAnswerDueAt = null;
        MarkSlaDirty();
        Append(SystemEntry($"{AgentLabel(by)} handed this case back from {from} to {toTier}: {note.Trim()}", Visibility.Internal, now), now);
        Append(SystemEntry($"Your case is back with {TierLabel(toTier)}.", Visibility.Public, now), now);
    }

    /// <summary>
    /// The subscriber asks for a supervisor. Nobody can block it: the case moves to the Supervisor queue at once and
    /// the subscriber is owed an answer by <paramref name="answerDueAt"/>.
    /// </summary>
    public void AskForSupervisor(Subscriber subscriber, string reason, DateTimeOffset answerDueAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Id != SubscriberId)
        {
            throw new DomainRuleException("case.not_yours", "Only the subscriber who owns a case can ask for a supervisor on it.");
        }

        EnsureNotClosed();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("escalation.reason_required", "Tell us briefly why you would like a supervisor.");
        }

        if (Status == CaseStatus.Resolved)
        {
            ReopenCount++;
        }

        if (Status is CaseStatus.Resolved or CaseStatus.PendingSubscriber)
        {
            MoveTo(CaseStatus.Open, now);
        }

        if (Tier != AgentTier.Supervisor)
        {
            MoveToTier(AgentTier.Supervisor, now);
        }

        SupervisorAnswerDueAt = answerDueAt;
        StartResponseClock(now);
        Append(Interaction.Create(
            Id, Channel, Direction.Inbound, AuthorKind.Subscriber, subscriber.Id, subscriber.FirstName,
            Visibility.Public, $"I would like to speak to a supervisor: {reason.Trim()}", now), now);
        Append(SystemEntry("Your case is now with the supervisors. A supervisor will answer you by the time shown on this case.", Visibility.Public, now.AddTicks(10)), now);
    }

    /// <summary>Notes on the timeline (internal) that a rule placed or moved the case, so the move can be traced.</summary>
    public Interaction NoteRule(string rule, string what, DateTimeOffset now) =>
        Append(SystemEntry($"Rule \"{rule}\": {what}", Visibility.Internal, now), now);

    /// <summary>A rule raises the priority (never lowers it); new targets apply from the next SLA refresh.</summary>
    public void RaisePriorityByRule(CasePriority priority, DateTimeOffset now)
    {
        if (priority <= Priority)
        {
            return;
        }

        Priority = priority;
        UpdatedAt = now;
        ResponseSla = ResolutionSla = SlaState.Ok;
        MarkSlaDirty();
    }

    private void MoveToTier(AgentTier toTier, DateTimeOffset now)
    {
        Tier = toTier;
        Queue = CaseRouting.QueueFor(Channel, toTier);
        UpdatedAt = now;
        if (Assignee is { } current ? !current.CanWork(toTier) : AssigneeId is not null)
        {
            // Without the assignee loaded we cannot tell; the case waits unassigned in the new queue.
            AssigneeId = null;
            Assignee = null;
        }

        WithdrawPromisesOfFormerHolders(toTier, now);
    }

    /// <summary>
    /// A promise stays with the person who can keep it: when the case moves to a tier its maker no longer holds, the
    /// promise is withdrawn and the subscriber is told who answers instead — never left under a name that cannot keep it.
    /// </summary>
    private void WithdrawPromisesOfFormerHolders(AgentTier toTier, DateTimeOffset now)
    {
        var orphaned = _followUps.Where(f => f.Status == FollowUpStatus.Pending && f.AgentId != AssigneeId).ToList();
        if (orphaned.Count == 0)
        {
            return;
        }

        foreach (var promise in orphaned)
        {
            promise.Cancel(now);
        }

        foreach (var name in orphaned.Select(p => p.AgentName).Distinct())
        {
            Append(SystemEntry(
                $"Your case is now with {TierLabel(toTier)}, so the follow-up {name} promised you is withdrawn; {TierLabel(toTier)} will answer you instead.",
                Visibility.Public, now), now);
        }

        RecomputeFollowUpDue();
    }

    /// <summary>A pending supervisor answer caps the response deadline.</summary>
    private void ApplySupervisorAnswerDue()
    {
        if (SupervisorAnswerDueAt is not { } due || ResponseClockStartedAt is null)
        {
            return;
        }

        if (ResponseDueAt is null || due < ResponseDueAt)
        {
            ResponseDueAt = due;
        }

        if (ResponseWarnAt is null || ResponseWarnAt > ResponseDueAt)
        {
            ResponseWarnAt = ResponseDueAt;
        }
    }
}
