using HelpDesk.Domain.Credits;

namespace HelpDesk.Application.Cases;

/// <summary>A ledger line; reversals have a negative amount.</summary>
public sealed record CreditView(
    Guid Id, CreditEntryKind Kind, decimal Amount, string Currency, string ReasonCode, string? Note, string IssuedBy, Guid? CaseId, DateTimeOffset At);
