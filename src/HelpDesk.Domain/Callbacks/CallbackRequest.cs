using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Callbacks;

public enum CallbackStatus
{
    /// <summary>In the queue; an agent may claim it once <see cref="CallbackRequest.DueAt"/> has come.</summary>
    Waiting,

    /// <summary>An agent holds it and is calling.</summary>
    Claimed,

    /// <summary>We reached the subscriber.</summary>
    Completed,

    /// <summary>The subscriber cancelled it.</summary>
    Cancelled,

    /// <summary>No more attempts: the last allowed one went unanswered, or the number was wrong.</summary>
    GivenUp,
}

public enum CallbackOutcome
{
    Reached,
    NoAnswer,
    Voicemail,
    WrongNumber,
}

public enum CallbackSource
{
    Portal,
    Ivr,
}

/// <summary>How often and how far apart we try again after a call goes unanswered.</summary>
/// <param name="MaxAttempts">Calls in all, the first included.</param>
/// <param name="Backoff">Wait before the second call; it doubles for each later one.</param>
public sealed record CallbackRetryPolicy(int MaxAttempts, TimeSpan Backoff)
{
    public static readonly CallbackRetryPolicy Default = new(3, TimeSpan.FromMinutes(30));

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based): backoff × 2^(attempt−1).</summary>
    public TimeSpan DelayAfter(int attempt) => Backoff * Math.Pow(2, Math.Max(0, attempt - 1));
}

/// <summary>A subscriber asked us to phone them. It always belongs to a case, where its whole history lands.</summary>
public sealed class CallbackRequest
{
    public const int MaxTopicLength = 500;
    public const int MaxNotesLength = 2000;

    private readonly List<CallbackAttempt> _attempts = [];

    private CallbackRequest()
    {
        Phone = Topic = TimeZoneId = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid SubscriberId { get; private set; }

    /// <summary>E.164, normalised by <see cref="PhoneNumber"/>.</summary>
    public string Phone { get; private set; }

    public DateTimeOffset WindowStart { get; private set; }
    public DateTimeOffset WindowEnd { get; private set; }

    /// <summary>The subscriber's IANA time zone, to show the window as they gave it.</summary>
    public string TimeZoneId { get; private set; }

    public string Topic { get; private set; }
    public CasePriority Priority { get; private set; }
    public CallbackSource Source { get; private set; }
    public CallbackStatus Status { get; private set; }

    /// <summary>When the next call is due: the window start, then each retry time. Queue order is by this.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public int AttemptCount { get; private set; }
    public Guid? ClaimedById { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<CallbackAttempt> Attempts => _attempts;

    public bool IsOpen => Status is CallbackStatus.Waiting or CallbackStatus.Claimed;

    public static CallbackRequest Create(
        Guid caseId, Guid subscriberId, string phone, CallbackWindow window, string topic, CasePriority priority, CallbackSource source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        var normalized = PhoneNumber.Normalize(phone, out var error)
            ?? throw new DomainRuleException("callback.phone", error ?? "The phone number is not valid.");
        if (string.IsNullOrWhiteSpace(topic))
        {
            throw new DomainRuleException("callback.topic", "Say briefly what the call is about.");
        }

        return new CallbackRequest
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            SubscriberId = subscriberId,
            Phone = normalized,
            WindowStart = window.Start,
            WindowEnd = window.End,
            TimeZoneId = window.TimeZoneId,
            Topic = topic.Trim().Length > MaxTopicLength ? topic.Trim()[..MaxTopicLength] : topic.Trim(),
            Priority = priority,
            Source = source,
            Status = CallbackStatus.Waiting,
            DueAt = window.Start,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// In-memory form of the claim (the database claims with one locking statement; this is its rule).
    /// </summary>
    public void Claim(Guid agentId, DateTimeOffset now)
    {
        if (Status != CallbackStatus.Waiting)
        {
            throw new DomainRuleException("callback.not_waiting", $"This callback is {Describe(Status)} and cannot be claimed.");
        }

        if (DueAt > now)
        {
            throw new DomainRuleException("callback.not_due", "This callback is not due yet.");
        }

        Status = CallbackStatus.Claimed;
        ClaimedById = agentId;
        ClaimedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// The claiming agent records how the call went. No answer or voicemail: waits again until the retry time,
    /// or is given up after the last allowed attempt. Wrong number: given up at once. Reached: completed.
    /// </summary>
    public CallbackAttempt RecordOutcome(Guid agentId, string agentName, CallbackOutcome outcome, string? notes, CallbackRetryPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Status != CallbackStatus.Claimed)
        {
            throw new DomainRuleException("callback.not_claimed", $"This callback is {Describe(Status)}; claim it before recording a call.");
        }

        if (ClaimedById != agentId)
        {
            throw new DomainRuleException("callback.not_your_claim", "Another agent holds this callback; only they can record its outcome.");
        }

        AttemptCount++;
        var attempt = CallbackAttempt.Create(Id, AttemptCount, agentId, agentName, outcome, notes, now);
        _attempts.Add(attempt);
        ClaimedById = null;
        ClaimedAt = null;
        UpdatedAt = now;
        switch (outcome)
        {
            case CallbackOutcome.Reached:
                End(CallbackStatus.Completed, now);
                break;
            case CallbackOutcome.WrongNumber:
                End(CallbackStatus.GivenUp, now);
                break;
            default:
                if (AttemptCount >= policy.MaxAttempts)
                {
                    End(CallbackStatus.GivenUp, now);
                }
                else
                {
                    Status = CallbackStatus.Waiting;
                    DueAt = now + policy.DelayAfter(AttemptCount);
                }

                break;
        }

        return attempt;
    }

    /// <summary>The claiming agent left (deactivated): the call waits in the queue again, due at once, for someone else.</summary>
    public void ReleaseClaim(DateTimeOffset now)
    {
        if (Status != CallbackStatus.Claimed)
        {
            return;
        }

        Status = CallbackStatus.Waiting;
        ClaimedById = null;
        ClaimedAt = null;
        DueAt = DueAt < now ? DueAt : now;
        UpdatedAt = now;
    }

    /// <summary>The subscriber no longer wants the call.</summary>
    public void Cancel(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException("callback.closed", $"This callback is already {Describe(Status)}.");
        }

        ClaimedById = null;
        ClaimedAt = null;
        UpdatedAt = now;
        End(CallbackStatus.Cancelled, now);
    }

    public static string Describe(CallbackStatus status) => status switch
    {
        CallbackStatus.Waiting => "waiting",
        CallbackStatus.Claimed => "being called",
        CallbackStatus.Completed => "completed",
        CallbackStatus.Cancelled => "cancelled",
        _ => "given up",
    };

    private void End(CallbackStatus status, DateTimeOffset now)
    {
        Status = status;
        EndedAt = now;
    }
}

/// <summary>One call we made for a callback request, and how it went.</summary>
public sealed class CallbackAttempt
{
    private CallbackAttempt()
    {
        AgentName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CallbackId { get; private set; }
    public int Number { get; private set; }
    public Guid AgentId { get; private set; }
    public string AgentName { get; private set; }
    public CallbackOutcome Outcome { get; private set; }
    public string? Notes { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static CallbackAttempt Create(Guid callbackId, int number, Guid agentId, string agentName, CallbackOutcome outcome, string? notes, DateTimeOffset at) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            CallbackId = callbackId,
            Number = number,
            AgentId = agentId,
            AgentName = agentName,
            Outcome = outcome,
            Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim().Length > CallbackRequest.MaxNotesLength ? notes.Trim()[..CallbackRequest.MaxNotesLength] : notes.Trim(),
            At = at,
        };
}

public enum CallEventKind
{
    Ringing,
    Answered,
    Ended,
}

/// <summary>A call event reported by the telephony provider (CTI/IVR), stored once per provider event id.</summary>
public sealed class CallEvent
{
    public const int MaxExternalIdLength = 200;

    private CallEvent()
    {
        ExternalId = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The provider's event id; a repeated delivery with the same id is stored once.</summary>
    public string ExternalId { get; private set; }

    public Guid CallbackId { get; private set; }
    public Guid CaseId { get; private set; }
    public CallEventKind Kind { get; private set; }
    public int? DurationSeconds { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    public static CallEvent Create(string externalId, CallbackRequest callback, CallEventKind kind, int? durationSeconds, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(externalId);
        ArgumentNullException.ThrowIfNull(callback);
        return new CallEvent
        {
            Id = Guid.CreateVersion7(),
            ExternalId = externalId.Trim(),
            CallbackId = callback.Id,
            CaseId = callback.CaseId,
            Kind = kind,
            DurationSeconds = kind == CallEventKind.Ended ? durationSeconds : null,
            OccurredAt = occurredAt,
            ReceivedAt = now,
        };
    }
}
