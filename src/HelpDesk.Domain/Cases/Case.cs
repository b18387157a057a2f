using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Cases;

/// <summary>A subscriber's support case. Status moves go through methods that refuse illegal ones.</summary>
public sealed partial class Case
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;
    public const int MaxReasonLength = 500;

    /// <summary>How far ahead an agent may promise a follow-up.</summary>
    public static readonly TimeSpan MaxFollowUpHorizon = TimeSpan.FromDays(90);

    private readonly List<Interaction> _interactions = [];
    private readonly List<FollowUp> _followUps = [];

    private Case()
    {
        Subject = Queue = Language = string.Empty;
    }

    public Guid Id { get; private set; }
    public long Number { get; private set; }
    public Guid SubscriberId { get; private set; }
    public Subscriber? Subscriber { get; private set; }
    public Channel Channel { get; private set; }
    public string Subject { get; private set; }
    public CaseCategory Category { get; private set; }
    public CasePriority Priority { get; private set; }
    public CaseStatus Status { get; private set; }
    public AgentTier Tier { get; private set; }
    public string Queue { get; private set; }

    /// <summary>The subscriber's language when the case opened (routing and agent eligibility).</summary>
    public string Language { get; private set; }

    public Guid? AssigneeId { get; private set; }
    public Agent? Assignee { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }

    /// <summary>Last public reply by an agent (settles follow-up promises made before it).</summary>
    public DateTimeOffset? LastAgentReplyAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }

    /// <summary>Set when this case was merged: the case that now holds its timeline.</summary>
    public Guid? MergedIntoId { get; private set; }

    /// <summary>The earlier case this one follows on from (a reply that came after the reopen window).</summary>
    public Guid? PreviousCaseId { get; private set; }

    /// <summary>Caller-supplied id that makes a retried "open case" land once.</summary>
    public Guid? ClientRequestId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<Interaction> Interactions => _interactions;

    public IReadOnlyList<FollowUp> FollowUps => _followUps;

    public string DisplayNumber => CaseNumber.Format(Number);

    public SubscriberStage Stage => CaseLifecycle.StageOf(Status);

    public static Case Open(
        long number,
        Subscriber subscriber,
        Channel channel,
        CaseCategory category,
        string subject,
        string description,
        DateTimeOffset now,
        Guid? clientRequestId = null,
        Placement? placement = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        placement ??= CaseRouting.Place(channel, category, subscriber.Language);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            SubscriberId = subscriber.Id,
            Channel = channel,
            Subject = subject.Trim(),
            Category = category,
            Priority = placement.Priority,
            Status = CaseStatus.New,
            Tier = placement.Tier,
            Queue = placement.Queue,
            Language = subscriber.Language,
            CreatedAt = now,
            UpdatedAt = now,
            ClientRequestId = clientRequestId,
        };
        @case.StartResponseClock(now);
        @case.ResolutionClockStartedAt = now;
        @case._interactions.Add(Interaction.Create(
            @case.Id, channel, Direction.Inbound, AuthorKind.Subscriber, subscriber.Id, subscriber.FirstName,
            Visibility.Public, description.Trim(), now));
        // One microsecond later so the receipt always follows the subscriber's words on the timeline.
        @case._interactions.Add(Interaction.Create(
            @case.Id, channel, Direction.Internal, AuthorKind.System, null, "HelpDesk",
            Visibility.Public, $"We received your case {@case.DisplayNumber}.", now.AddTicks(10)));
        return @case;
    }

    /// <summary>
    /// A new case for a subscriber who wrote on a case that is closed or past its reopen window. It keeps the
    /// earlier case's category, channel and placement and points back to it.
    /// </summary>
    public static Case OpenFollowOn(long number, Case previous, Subscriber subscriber, string body, DateTimeOffset now, Guid? clientRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var placement = CaseRouting.Place(previous.Channel, previous.Category, subscriber.Language);
        var subject = previous.Subject.StartsWith("Follow-up: ", StringComparison.Ordinal) ? previous.Subject : "Follow-up: " + previous.Subject;
        var followOn = Open(number, subscriber, previous.Channel, previous.Category, subject[..Math.Min(subject.Length, MaxSubjectLength)],
            body, now, clientRequestId, placement with { Priority = placement.Priority > previous.Priority ? placement.Priority : previous.Priority });
        followOn.PreviousCaseId = previous.Id;
        return followOn;
    }

    /// <summary>Notes on this (closed or long-resolved) case where the conversation continues.</summary>
    public Interaction AddFollowOnPointer(Case followOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(followOn);
        return Append(SystemEntry($"You wrote again after this case was closed, so we opened case {followOn.DisplayNumber} to continue.", Visibility.Public, now), now);
    }

    /// <summary>Whether a subscriber's message may go on this case, or must open a follow-on case.</summary>
    public bool AcceptsSubscriberReplyAt(DateTimeOffset now, TimeSpan reopenWindow) =>
        Status != CaseStatus.Closed
        && MergedIntoId is null
        && !(Status == CaseStatus.Resolved && ResolvedAt is { } resolved && now - resolved > reopenWindow);

    public Interaction AddSubscriberMessage(
        Subscriber subscriber, string body, DateTimeOffset now, Guid? clientRequestId = null, Channel channel = Channel.Portal,
        TimeSpan? reopenWindow = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Id != SubscriberId)
        {
            throw new DomainRuleException("case.not_yours", "Only the subscriber who owns a case can write on it.");
        }

        EnsureNotClosed();
        if (reopenWindow is { } window && !AcceptsSubscriberReplyAt(now, window))
        {
            throw new DomainRuleException("case.reopen_window_passed", $"Case {DisplayNumber} was resolved too long ago to reopen. Please open a new case.");
        }

        TakeSubscriberReply(now);
        return Append(Interaction.Create(
            Id, channel, Direction.Inbound, AuthorKind.Subscriber, subscriber.Id, subscriber.FirstName,
            Visibility.Public, body.Trim(), now, clientRequestId), now);
    }

    /// <summary>
    /// What any public message from the subscriber does, whatever its channel: a resolved case reopens (and counts
    /// the reopen), a case waiting for the subscriber goes back to an agent, and the response clock starts.
    /// </summary>
    private void TakeSubscriberReply(DateTimeOffset now)
    {
        if (Status == CaseStatus.Resolved)
        {
            ReopenCount++;
            MoveTo(CaseStatus.Open, now);
        }
        else if (Status == CaseStatus.PendingSubscriber)
        {
            // A reply from the subscriber puts the case back in an agent's hands.
            MoveTo(CaseStatus.Open, now);
        }

        StartResponseClock(now);
    }

    /// <summary>
    /// What any public reply from an agent does, whatever its channel: the agent may work the case, takes it if
    /// nobody holds it, the first response is recorded, the response clock stops and pending promises are kept.
    /// </summary>
    private void TakeAgentPublicReply(Agent agent, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        AssigneeId ??= agent.Id;
        if (Status == CaseStatus.New)
        {
            MoveTo(CaseStatus.Open, now);
        }

        FirstRespondedAt ??= now;
        LastAgentReplyAt = now;
        StopResponseClock();
        foreach (var promise in _followUps.Where(f => f.Status == FollowUpStatus.Pending))
        {
            promise.Keep(now);
        }

        RecomputeFollowUpDue();
    }

    /// <param name="explanation">Why we ask this of the subscriber, shown under the reply.</param>
    public Interaction AddAgentReply(Agent agent, string body, DateTimeOffset now, Guid? clientRequestId = null, string? explanation = null)
    {
        TakeAgentPublicReply(agent, now);
        return Append(Interaction.Create(
            Id, Channel, Direction.Outbound, AuthorKind.Agent, agent.Id, AgentLabel(agent),
            Visibility.Public, body.Trim(), now, clientRequestId, explanation), now);
    }

    public Interaction AddInternalNote(Agent agent, string body, DateTimeOffset now, Guid? clientRequestId = null)
    {
        EnsureAgentMayWork(agent);
        return Append(Interaction.Create(
            Id, Channel, Direction.Internal, AuthorKind.Agent, agent.Id, AgentLabel(agent),
            Visibility.Internal, body.Trim(), now, clientRequestId), now);
    }

    /// <returns>The public "resolved" entry added to the timeline.</returns>
    public Interaction Resolve(Agent agent, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        MoveTo(CaseStatus.Resolved, now);
        AssigneeId ??= agent.Id;
        // The public resolution is the answer the subscriber was promised; the promise is kept, not left to be "missed".
        foreach (var promise in _followUps.Where(f => f.Status == FollowUpStatus.Pending))
        {
            promise.Keep(now);
        }

        RecomputeFollowUpDue();
        return Append(SystemEntry($"{AgentLabel(agent)} marked this case as resolved.", Visibility.Public, now), now);
    }

    /// <summary>An agent moves the case to another status (resolving goes through <see cref="Resolve"/>).</summary>
    public Interaction ChangeStatus(Agent agent, CaseStatus to, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        if (to == CaseStatus.Resolved)
        {
            return Resolve(agent, now);
        }

        if (to == CaseStatus.New)
        {
            throw new DomainRuleException("case.illegal_transition", $"Case {DisplayNumber} cannot be moved back to New.");
        }

        var from = Status;
        if (from == CaseStatus.Resolved && to == CaseStatus.Open)
        {
            ReopenCount++;
        }

        MoveTo(to, now);
        if (to == CaseStatus.Open && from == CaseStatus.Resolved)
        {
            StartResponseClock(now);
        }

        var text = to switch
        {
            CaseStatus.PendingSubscriber => $"{AgentLabel(agent)} is waiting for your answer.",
            CaseStatus.PendingInternal => $"{AgentLabel(agent)} is checking with another team.",
            CaseStatus.Closed => "This case is closed.",
            _ => $"{AgentLabel(agent)} reopened this case.",
        };
        return Append(SystemEntry(text, Visibility.Public, now), now);
    }

    /// <summary>Closes a case that stayed resolved for the whole reopen window.</summary>
    public Interaction? CloseIfResolvedBefore(DateTimeOffset cutoff, DateTimeOffset now)
    {
        if (Status != CaseStatus.Resolved || ResolvedAt is not { } resolved || resolved > cutoff)
        {
            return null;
        }

        MoveTo(CaseStatus.Closed, now);
        return Append(SystemEntry("This case was closed automatically after staying resolved. Replying opens a new case linked to this one.", Visibility.Public, now), now);
    }

    public CasePriority ChangePriority(Agent agent, CasePriority priority, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        var before = Priority;
        if (CaseCategories.IsSensitive(Category) && priority < CasePriority.Urgent)
        {
            throw new DomainRuleException("case.sensitive_priority", $"{CaseCategories.Label(Category)} cases stay Urgent.");
        }

        Priority = priority;
        UpdatedAt = now;
        if (priority != before)
        {
            // New targets: earlier warnings no longer describe the case; the sweeper re-raises what is still due.
            ResponseSla = ResolutionSla = SlaState.Ok;
        }

        MarkSlaDirty();
        return before;
    }

    /// <summary>
    /// Changes the category. Moving into a safety-sensitive category sends the case straight to Tier 3 as Urgent.
    /// </summary>
    /// <returns>The placement when the move changed the case's queue, else null.</returns>
    public Placement? ChangeCategory(Agent agent, CaseCategory category, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        Category = category;
        UpdatedAt = now;
        if (!CaseCategories.IsSensitive(category) || Tier >= AgentTier.Tier3)
        {
            return null;
        }

        var placement = CaseRouting.Place(Channel, category, Language);
        Tier = placement.Tier;
        Queue = placement.Queue;
        Priority = placement.Priority;
        if (Assignee is { } current && !current.CanWork(Tier))
        {
            AssigneeId = null;
        }
        else if (AssigneeId is not null && Assignee is null)
        {
            // Without the assignee loaded we cannot tell; a sensitive case restarts unassigned at Tier 3.
            AssigneeId = null;
        }

        MarkSlaDirty();
        return placement;
    }

    public void Assign(Agent agent, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        AssigneeId = agent.Id;
        Assignee = agent;
        UpdatedAt = now;
        if (Status == CaseStatus.New)
        {
            MoveTo(CaseStatus.Open, now);
        }
    }

    public void Unassign(DateTimeOffset now)
    {
        EnsureNotClosed();
        AssigneeId = null;
        Assignee = null;
        UpdatedAt = now;
    }

    public FollowUp PromiseFollowUp(Agent agent, DateTimeOffset dueAt, string? note, DateTimeOffset now, Guid? clientRequestId = null)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        if (Status == CaseStatus.Resolved)
        {
            throw new DomainRuleException("followup.case_resolved", $"Case {DisplayNumber} is resolved; reopen it before promising a follow-up.");
        }

        if (dueAt <= now)
        {
            throw new DomainRuleException("followup.in_past", "A follow-up must be promised for a time in the future.");
        }

        if (dueAt - now > MaxFollowUpHorizon)
        {
            throw new DomainRuleException("followup.too_far", $"A follow-up can be promised at most {MaxFollowUpHorizon.TotalDays:0} days ahead.");
        }

        if (note is { Length: > FollowUp.MaxNoteLength })
        {
            throw new DomainRuleException("followup.note_too_long", $"The promise must be {FollowUp.MaxNoteLength} characters or fewer.");
        }

        var promise = FollowUp.Create(Id, agent.Id, AgentLabel(agent), dueAt, note, now, clientRequestId);
        _followUps.Add(promise);
        AssigneeId ??= agent.Id;
        RecomputeFollowUpDue();
        Append(SystemEntry($"{AgentLabel(agent)} promised to get back to you.", Visibility.Public, now), now);
        return promise;
    }

    public FollowUp CancelFollowUp(Agent agent, Guid followUpId, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        var promise = _followUps.SingleOrDefault(f => f.Id == followUpId)
            ?? throw new DomainRuleException("followup.not_found", "That follow-up is not on this case.");
        if (promise.Status != FollowUpStatus.Pending)
        {
            throw new DomainRuleException("followup.settled", $"That follow-up is already {promise.Status.ToString().ToLowerInvariant()}.");
        }

        promise.Cancel(now);
        RecomputeFollowUpDue();
        Append(SystemEntry($"{AgentLabel(agent)} withdrew the follow-up promise.", Visibility.Internal, now), now);
        return promise;
    }

    /// <summary>Marks promises that came due without a public reply as missed.</summary>
    public IReadOnlyList<FollowUp> MissDueFollowUps(DateTimeOffset now)
    {
        var missed = _followUps.Where(f => f.Status == FollowUpStatus.Pending && f.DueAt <= now).ToList();
        foreach (var promise in missed)
        {
            promise.Miss(now);
            Append(SystemEntry($"Follow-up promised by {promise.AgentName} for {promise.DueAt:yyyy-MM-dd HH:mm} UTC was missed.", Visibility.Internal, now), now);
        }

        if (missed.Count > 0)
        {
            RecomputeFollowUpDue();
        }

        return missed;
    }

    /// <summary>
    /// Merges this case into <paramref name="survivor"/> (same subscriber). This case closes and points to the
    /// survivor; the caller moves the timeline rows. Pending follow-ups move with it.
    /// </summary>
    public (Interaction OnSurvivor, Interaction OnMerged) MergeInto(Case survivor, Agent agent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(survivor);
        EnsureAgentMayWork(agent);
        survivor.EnsureAgentMayWork(agent);
        if (survivor.Id == Id)
        {
            throw new DomainRuleException("case.merge_self", "A case cannot be merged into itself.");
        }

        if (survivor.SubscriberId != SubscriberId)
        {
            throw new DomainRuleException("case.merge_other_subscriber", "Only cases of the same subscriber can be merged.");
        }

        if (Status == CaseStatus.Closed || MergedIntoId is not null)
        {
            throw new DomainRuleException("case.merge_closed", $"Case {DisplayNumber} is closed and cannot be merged.");
        }

        if (survivor.Status == CaseStatus.Closed || survivor.MergedIntoId is not null)
        {
            throw new DomainRuleException("case.merge_into_closed", $"Case {survivor.DisplayNumber} is closed; merge into an open case.");
        }

        foreach (var promise in _followUps.Where(f => f.Status == FollowUpStatus.Pending).ToList())
        {
            promise.MoveTo(survivor.Id);
            _followUps.Remove(promise);
            survivor._followUps.Add(promise);
        }

        MergedIntoId = survivor.Id;
        Status = CaseStatus.Closed;
        ClosedAt = now;
        UpdatedAt = now;
        ClearSla();
        RecomputeFollowUpDue();
        if (survivor.Status is CaseStatus.Resolved)
        {
            survivor.MoveTo(CaseStatus.Open, now);
        }

        survivor.ResponseClockStartedAt = Min(survivor.ResponseClockStartedAt, ResponseClockStartedAt);
        survivor.MarkSlaDirty();
        survivor.RecomputeFollowUpDue();
        var onMerged = Append(SystemEntry($"Merged into case {survivor.DisplayNumber}; the conversation continues there.", Visibility.Public, now), now);
        var onSurvivor = survivor.Append(SystemEntry($"Case {DisplayNumber} was merged into this case by {AgentLabel(agent)}.", Visibility.Public, now), now);
        return (onSurvivor, onMerged);
    }

    /// <summary>Moves the case to <paramref name="to"/> or explains why that is not allowed.</summary>
    public void MoveTo(CaseStatus to, DateTimeOffset now)
    {
        if (Status == to)
        {
            return;
        }

        if (!CaseLifecycle.CanMove(Status, to))
        {
            throw new DomainRuleException(
                "case.illegal_transition",
                $"Case {DisplayNumber} is {CaseLifecycle.Label(Status)} and cannot be moved to {CaseLifecycle.Label(to)}.");
        }

        var from = Status;
        Status = to;
        UpdatedAt = now;
        OnStatusChanged(from, to, now);
    }

    /// <summary>"Sam (Tier 1 agent)": first name and role, never a full name.</summary>
    public static string AgentLabel(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return AgentLabel(agent.FirstName, agent.Tier);
    }

    /// <summary>How a subscriber sees an agent: first name and role, never the full name.</summary>
    public static string AgentLabel(string firstName, AgentTier tier)
    {
        var role = tier == AgentTier.Supervisor ? "supervisor" : $"Tier {(int)tier} agent";
        return $"{firstName} ({role})";
    }

    internal Interaction SystemEntry(string text, Visibility visibility, DateTimeOffset now) =>
        Interaction.Create(Id, Channel, Direction.Internal, AuthorKind.System, null, "HelpDesk", visibility, text, now);

    private void EnsureAgentMayWork(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!agent.IsActive)
        {
            throw new DomainRuleException("case.agent_deactivated", $"{AgentLabel(agent)} is deactivated and cannot work cases.");
        }

        if (!agent.CanWork(Tier))
        {
            throw new DomainRuleException(
                "case.tier_too_low",
                $"Case {DisplayNumber} is held at {Tier}; {agent.Tier} agents cannot work it.");
        }
    }

    private void EnsureNotClosed()
    {
        if (Status == CaseStatus.Closed)
        {
            throw new DomainRuleException("case.closed", $"Case {DisplayNumber} is closed. Please open a new case.");
        }
    }

    private void RecomputeFollowUpDue()
    {
        // Pending promises, and missed ones nobody has answered since: both keep the case at the top of the queue.
        FollowUpDueAt = _followUps
            .Where(f => f.Status == FollowUpStatus.Pending
                || (f.Status == FollowUpStatus.Missed && !(LastAgentReplyAt > f.DueAt)))
            .Select(f => (DateTimeOffset?)f.DueAt)
            .Min();
        UpdateAttention();
    }

    private Interaction Append(Interaction interaction, DateTimeOffset now)
    {
        _interactions.Add(interaction);
        UpdatedAt = now;
        return interaction;
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;
}
