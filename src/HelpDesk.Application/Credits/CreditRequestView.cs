using HelpDesk.Domain.Credits;

namespace HelpDesk.Application.Credits;

/// <summary>A credit request as the requester, the approver and the API see it.</summary>
/// <param name="EntryId">The ledger entry it issued (issued or approved), else null.</param>
public sealed record CreditRequestView(
    Guid Id,
    Guid CaseId,
    Guid SubscriberId,
    decimal Amount,
    string Currency,
    string ReasonCode,
    string? Note,
    CreditRequestStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? ApprovalReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    Guid? EntryId)
{
    public static CreditRequestView From(CreditRequest r, Guid? entryId) =>
        new(r.Id, r.CaseId, r.SubscriberId, r.Amount, r.Currency, r.ReasonCode, r.Note, r.Status, r.RequestedByName, r.RequestedAt,
            r.ApprovalReason, r.DecidedByName, r.DecidedAt, r.DecisionComment, entryId);
}
