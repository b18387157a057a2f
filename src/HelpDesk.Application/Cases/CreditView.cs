using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

/// <summary>A ledger line; reversals have a negative amount.</summary>
public sealed record CreditView(
    Guid Id, CreditEntryKind Kind, decimal Amount, string Currency, string ReasonCode, string? Note, string IssuedBy, Guid? CaseId, DateTimeOffset At);
