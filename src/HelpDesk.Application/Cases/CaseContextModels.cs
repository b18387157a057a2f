using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

/// <summary>What staff see of the subscriber next to the case. Subscribers never receive it.</summary>
public sealed record SubscriberContext(
    Guid Id,
    string Name,
    string Email,
    string Plan,
    decimal MonthlyPrice,
    string Currency,
    string Country,
    string Language,
    string TimeZone,
    DateTimeOffset MemberSince,
    int TenureMonths,
    IReadOnlyList<DeviceView> Devices,
    IReadOnlyList<PaymentView> Payments,
    IReadOnlyList<CreditView> Credits,
    IReadOnlyList<MoneyTotal> CreditTotals,
    IReadOnlyList<PreviousCaseView> PreviousCases,
    int PreviousCaseCount,
    IReadOnlyList<OpenFollowUpView> OpenFollowUps);

public sealed record DeviceView(DeviceKind Kind, string Name, string AppVersion, DateTimeOffset LastSeenAt);

public sealed record PaymentView(decimal Amount, string Currency, PaymentStatus Status, string Method, DateTimeOffset At);

/// <summary>A ledger line; reversals have a negative amount.</summary>
public sealed record CreditView(
    Guid Id, CreditEntryKind Kind, decimal Amount, string Currency, string ReasonCode, string? Note, string IssuedBy, Guid? CaseId, DateTimeOffset At);

public sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>
/// An earlier case of the same subscriber and how it ended. Cases above the viewer's tier are never listed.
/// </summary>
public sealed record PreviousCaseView(
    Guid Id,
    string Number,
    string? Subject,
    CaseStatus Status,
    AgentTier Tier,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? MergedIntoNumber);

/// <summary>A pending follow-up promise on one of the subscriber's cases.</summary>
public sealed record OpenFollowUpView(Guid CaseId, string CaseNumber, DateTimeOffset DueAt, string AgentName, string? Note, bool Overdue);

/// <summary>
/// The case's SLA as the pages show it. For subscribers the states and the resolution deadline are left out
/// (null): they see when the next reply is due, not our internal targets.
/// </summary>
public sealed record CaseSlaView(
    DateTimeOffset? ResponseDueAt,
    bool FirstResponse,
    bool ResponseOverdue,
    SlaState? ResponseState,
    DateTimeOffset? ResolutionDueAt,
    SlaState? ResolutionState,
    DateTimeOffset? PausedAt)
{
    public bool Paused => PausedAt is not null;
}

/// <summary>A promise to get back to the subscriber by <see cref="DueAt"/> (shown to the subscriber too).</summary>
public sealed record PendingFollowUp(Guid Id, DateTimeOffset DueAt, string AgentName, string? Note);

/// <summary>A related case (merged into, follows on from, continues in).</summary>
public sealed record CaseLink(Guid Id, string Number);
