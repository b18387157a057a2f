using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

/// <summary>The case's SLA clocks: deadlines are stored on the case so queues can sort and the sweeper can find them.</summary>
public sealed partial class Case
{
    // Pauses that ended since the last refresh; their business length needs the policy's calendar.
    private readonly List<(DateTimeOffset From, DateTimeOffset To)> _endedPauses = [];

    /// <summary>Set by every change that moves a deadline; the application refreshes dirty cases before saving.</summary>
    public bool SlaNeedsRefresh { get; private set; } = true;

    public Guid? SlaPolicyId { get; private set; }

    /// <summary>When the subscriber started waiting for an answer; null when no answer is owed.</summary>
    public DateTimeOffset? ResponseClockStartedAt { get; private set; }

    public DateTimeOffset? ResponseDueAt { get; private set; }
    public DateTimeOffset? ResponseWarnAt { get; private set; }
    public SlaState ResponseSla { get; private set; }

    public DateTimeOffset? ResolutionClockStartedAt { get; private set; }
    public DateTimeOffset? ResolutionDueAt { get; private set; }
    public DateTimeOffset? ResolutionWarnAt { get; private set; }
    public SlaState ResolutionSla { get; private set; }

    /// <summary>When the resolution clock paused (waiting for the subscriber); null while it runs.</summary>
    public DateTimeOffset? SlaPausedAt { get; private set; }

    /// <summary>Business time the resolution clock spent paused.</summary>
    public TimeSpan SlaPausedFor { get; private set; }

    /// <summary>Earliest pending (or missed and unanswered) follow-up promise.</summary>
    public DateTimeOffset? FollowUpDueAt { get; private set; }

    /// <summary>The earliest of the deadlines and follow-ups: queues sort by it, most urgent first.</summary>
    public DateTimeOffset? AttentionAt { get; private set; }

    /// <summary>The worse of the two SLA states.</summary>
    public SlaState SlaState => ResponseSla > ResolutionSla ? ResponseSla : ResolutionSla;

    /// <summary>The next response the subscriber can expect, if one is owed.</summary>
    public bool IsFirstResponseOwed => FirstRespondedAt is null && ResponseClockStartedAt is not null;

    /// <summary>Recomputes every deadline from the clocks' start times under <paramref name="policy"/> (null: no SLA).</summary>
    public void RefreshSla(SlaPolicy? policy)
    {
        SlaNeedsRefresh = false;
        SlaPolicyId = policy?.Id;
        if (policy is null || Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            _endedPauses.Clear();
            ResponseDueAt = ResponseWarnAt = ResolutionDueAt = ResolutionWarnAt = null;
            UpdateAttention();
            return;
        }

        var calendar = policy.Calendar;
        foreach (var (from, to) in _endedPauses)
        {
            SlaPausedFor += calendar.Between(from, to);
        }

        _endedPauses.Clear();

        if (ResponseClockStartedAt is { } waitingSince)
        {
            var target = FirstRespondedAt is null ? policy.FirstResponse : policy.NextResponse;
            ResponseDueAt = calendar.Add(waitingSince, target);
            ResponseWarnAt = calendar.Add(waitingSince, policy.WarningPoint(target));
        }
        else
        {
            ResponseDueAt = ResponseWarnAt = null;
        }

        if (ResolutionClockStartedAt is { } resolutionStart && SlaPausedAt is null)
        {
            ResolutionDueAt = calendar.Add(resolutionStart, policy.Resolution + SlaPausedFor);
            ResolutionWarnAt = calendar.Add(resolutionStart, policy.WarningPoint(policy.Resolution) + SlaPausedFor);
        }
        else
        {
            // Paused: no resolution deadline runs until the subscriber answers.
            ResolutionDueAt = ResolutionWarnAt = null;
        }

        ApplySupervisorAnswerDue();
        UpdateAttention();
    }

    /// <summary>
    /// Raises the warnings and breaches that are due at <paramref name="now"/>, once each, and notes them on the
    /// timeline (internal).
    /// </summary>
    public IReadOnlyList<SlaAlert> CheckSla(DateTimeOffset now)
    {
        var alerts = new List<SlaAlert>();
        if (Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            return alerts;
        }

        var responseTarget = FirstRespondedAt is null ? SlaTarget.FirstResponse : SlaTarget.NextResponse;
        Raise(responseTarget, ResponseDueAt, ResponseWarnAt, ResponseSla, s => ResponseSla = s);
        Raise(SlaTarget.Resolution, ResolutionDueAt, ResolutionWarnAt, ResolutionSla, s => ResolutionSla = s);
        foreach (var alert in alerts)
        {
            var what = alert.State == SlaState.Breached ? "breached" : "at risk";
            Append(SystemEntry($"SLA {what}: {SlaTargets.Label(alert.Target)} due {alert.DueAt:yyyy-MM-dd HH:mm} UTC.", Visibility.Internal, now), now);
        }

        return alerts;

        void Raise(SlaTarget target, DateTimeOffset? due, DateTimeOffset? warn, SlaState state, Action<SlaState> set)
        {
            if (due is { } dueAt && dueAt <= now && state != SlaState.Breached)
            {
                set(SlaState.Breached);
                alerts.Add(new SlaAlert(target, SlaState.Breached, dueAt));
            }
            else if (warn is { } warnAt && warnAt <= now && state == SlaState.Ok && due is { } d)
            {
                set(SlaState.Warning);
                alerts.Add(new SlaAlert(target, SlaState.Warning, d));
            }
        }
    }

    private void StartResponseClock(DateTimeOffset now)
    {
        if (ResponseClockStartedAt is null)
        {
            ResponseClockStartedAt = now;
            ResponseSla = SlaState.Ok;
        }

        MarkSlaDirty();
    }

    private void StopResponseClock()
    {
        ResponseClockStartedAt = null;
        SupervisorAnswerDueAt = null;
        ResponseSla = SlaState.Ok;
        MarkSlaDirty();
    }

    private void OnStatusChanged(CaseStatus from, CaseStatus to, DateTimeOffset now)
    {
        if (to == CaseStatus.PendingSubscriber)
        {
            SlaPausedAt ??= now;
            // Waiting for the subscriber: nothing is owed to them.
            ResponseClockStartedAt = null;
            ResponseSla = SlaState.Ok;
        }
        else if (from == CaseStatus.PendingSubscriber && SlaPausedAt is { } pausedAt)
        {
            _endedPauses.Add((pausedAt, now));
            SlaPausedAt = null;
        }

        if (to == CaseStatus.Resolved)
        {
            ResolvedAt = now;
            ClearSla();
        }
        else if (to == CaseStatus.Closed)
        {
            ClosedAt = now;
            ClearSla();
        }
        else if (from is CaseStatus.Resolved)
        {
            // Reopened: a fresh resolution clock.
            ResolvedAt = null;
            ResolutionClockStartedAt = now;
            ResolutionSla = SlaState.Ok;
            SlaPausedFor = TimeSpan.Zero;
        }

        MarkSlaDirty();
    }

    private void ClearSla()
    {
        ResponseClockStartedAt = null;
        SlaPausedAt = null;
        _endedPauses.Clear();
        MarkSlaDirty();
    }

    private void MarkSlaDirty() => SlaNeedsRefresh = true;

    private void UpdateAttention()
    {
        DateTimeOffset? earliest = null;
        foreach (var candidate in new[] { ResponseDueAt, ResolutionDueAt, FollowUpDueAt })
        {
            if (candidate is { } c && (earliest is null || c < earliest))
            {
                earliest = c;
            }
        }

        AttentionAt = earliest;
    }
}
