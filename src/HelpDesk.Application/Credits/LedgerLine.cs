using HelpDesk.Domain.Credits;

namespace HelpDesk.Application.Credits;

/// <summary>One ledger line with the balance in its currency after it.</summary>
public sealed record LedgerLine(
    Guid Id,
    Guid? CaseId,
    CreditEntryKind Kind,
    decimal Amount,
    string Currency,
    string ReasonCode,
    string? Note,
    string IssuedBy,
    DateTimeOffset CreatedAt,
    Guid? ReversesId,
    decimal Balance);
