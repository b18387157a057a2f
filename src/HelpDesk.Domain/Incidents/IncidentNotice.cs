namespace HelpDesk.Domain.Incidents;

public enum IncidentNoticeStatus
{
    /// <summary>Recipients are still being written to the outbox, a batch at a time.</summary>
    Running,

    /// <summary>Every affected subscriber has their email in the outbox.</summary>
    Done,
}

/// <summary>
/// "Notify affected subscribers" for one public incident update (declared or resolved): a job the notice worker
/// works through in batches, keyset by subscriber id. The <see cref="Cursor"/> only saves work after a restart; what
/// guarantees one email per subscriber is <see cref="IncidentRecipient"/>'s key (ADR 0115).
/// </summary>
public sealed class IncidentNotice
{
    private IncidentNotice()
    {
        RequestedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public Guid UpdateId { get; private set; }
    public IncidentNoticeStatus Status { get; private set; }

    /// <summary>Affected subscribers with an address when the notice was requested (the progress bar's end).</summary>
    public int Total { get; private set; }

    /// <summary>Emails written to the outbox so far.</summary>
    public int Queued { get; private set; }

    /// <summary>The last subscriber id handled; the next batch starts after it.</summary>
    public Guid? Cursor { get; private set; }

    public string RequestedByName { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static IncidentNotice Request(Guid incidentId, Guid updateId, int total, string by, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(), IncidentId = incidentId, UpdateId = updateId, Total = total, RequestedByName = by, RequestedAt = now,
            Status = total == 0 ? IncidentNoticeStatus.Done : IncidentNoticeStatus.Running, CompletedAt = total == 0 ? now : null,
        };

    /// <summary>One batch done: <paramref name="queued"/> new emails, the last subscriber looked at, whether that was the end.</summary>
    public void Advance(int queued, Guid? lastSubscriberId, bool finished, DateTimeOffset now)
    {
        Queued += queued;
        Cursor = lastSubscriberId ?? Cursor;
        if (Queued > Total)
        {
            // Subscribers who joined the affected group after the request are notified too.
            Total = Queued;
        }

        if (finished)
        {
            Status = IncidentNoticeStatus.Done;
            CompletedAt = now;
            Total = Queued;
        }
    }
}

/// <summary>One subscriber told about one incident update: the primary key (update, subscriber) makes a second email impossible.</summary>
public sealed class IncidentRecipient
{
    public Guid UpdateId { get; private set; }
    public Guid SubscriberId { get; private set; }
    public Guid NoticeId { get; private set; }
    public Guid OutboundEmailId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static IncidentRecipient Create(Guid noticeId, Guid updateId, Guid subscriberId, Guid outboundEmailId, DateTimeOffset now) =>
        new() { NoticeId = noticeId, UpdateId = updateId, SubscriberId = subscriberId, OutboundEmailId = outboundEmailId, CreatedAt = now };
}

/// <summary>A case grouped under an incident, automatically (affected subscriber, matching category) or by hand.</summary>
public sealed class IncidentCase
{
    private IncidentCase()
    {
        LinkedByName = string.Empty;
    }

    public Guid IncidentId { get; private set; }
    public Guid CaseId { get; private set; }
    public bool Automatic { get; private set; }
    public string LinkedByName { get; private set; }
    public DateTimeOffset LinkedAt { get; private set; }

    public static IncidentCase Link(Guid incidentId, Guid caseId, bool automatic, string by, DateTimeOffset now) =>
        new() { IncidentId = incidentId, CaseId = caseId, Automatic = automatic, LinkedByName = by, LinkedAt = now };
}

/// <summary>"Reply to all linked cases": one public reply per case, at most once per (broadcast, case).</summary>
public sealed class IncidentBroadcast
{
    private IncidentBroadcast()
    {
        Body = ByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }

    /// <summary>The form's or API caller's idempotency key: the same key replays instead of replying twice.</summary>
    public Guid RequestId { get; private set; }

    public string Body { get; private set; }
    public bool ResolveCases { get; private set; }
    public int CaseCount { get; private set; }
    public string ByName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static IncidentBroadcast Create(Guid incidentId, Guid requestId, string body, bool resolve, string by, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), IncidentId = incidentId, RequestId = requestId, Body = body.Trim(), ResolveCases = resolve, ByName = by, CreatedAt = now };

    public void Count(int cases) => CaseCount += cases;
}

public sealed class IncidentBroadcastCase
{
    public Guid BroadcastId { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid InteractionId { get; private set; }

    public static IncidentBroadcastCase Create(Guid broadcastId, Guid caseId, Guid interactionId) =>
        new() { BroadcastId = broadcastId, CaseId = caseId, InteractionId = interactionId };
}
