using HelpDesk.Domain.Common;
namespace HelpDesk.Domain.Credits;

/// <summary>
/// One append-only line of the credit ledger: a credit issued to a subscriber's account, or the reversal of one.
/// Entries are never changed; a correction is a new entry.
/// </summary>
public sealed class CreditEntry
{
    private CreditEntry()
    {
        Currency = ReasonCode = IssuedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid SubscriberId { get; private set; }
    public Guid? CaseId { get; private set; }
    public CreditEntryKind Kind { get; private set; }

    /// <summary>Positive for an issue, negative for a reversal.</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }
    public string ReasonCode { get; private set; }
    public string? Note { get; private set; }
    public Guid? IssuedByAgentId { get; private set; }
    public string IssuedByName { get; private set; }

    /// <summary>The entry a reversal undoes.</summary>
    public Guid? ReversesId { get; private set; }

    /// <summary>The request this entry issued (each request issues at most one entry).</summary>
    public Guid? CreditRequestId { get; private set; }

    /// <summary>The incident this goodwill credit was issued for in bulk (at most one issue per incident and subscriber, ADR 0116).</summary>
    public Guid? IncidentId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static CreditEntry Issue(
        Guid subscriberId, Guid? caseId, decimal amount, string currency, string reasonCode, string? note,
        Guid? agentId, string agentName, DateTimeOffset now, Guid? creditRequestId = null, Guid? incidentId = null)
    {
        if (amount <= 0)
        {
            throw new DomainRuleException("credit.bad_amount", "A credit must be more than zero.");
        }

        return new CreditEntry
        {
            Id = Guid.CreateVersion7(),
            SubscriberId = subscriberId,
            CaseId = caseId,
            Kind = CreditEntryKind.Issue,
            Amount = decimal.Round(amount, 2),
            Currency = currency.ToUpperInvariant(),
            ReasonCode = reasonCode,
            Note = note,
            IssuedByAgentId = agentId,
            IssuedByName = agentName,
            CreatedAt = now,
            CreditRequestId = creditRequestId,
            IncidentId = incidentId,
        };
    }

    /// <summary>Undoes <paramref name="original"/> with a new, negative entry; the original is never changed.</summary>
    public static CreditEntry Reversal(CreditEntry original, string reason, Guid agentId, string agentName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Kind != CreditEntryKind.Issue)
        {
            throw new DomainRuleException("credit.reverse_reversal", "A reversal cannot itself be reversed; issue a new credit instead.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("credit.reversal_needs_reason", "Say why the credit is reversed.");
        }

        return new CreditEntry
        {
            Id = Guid.CreateVersion7(),
            SubscriberId = original.SubscriberId,
            CaseId = original.CaseId,
            Kind = CreditEntryKind.Reversal,
            Amount = -original.Amount,
            Currency = original.Currency,
            ReasonCode = original.ReasonCode,
            Note = reason.Trim(),
            IssuedByAgentId = agentId,
            IssuedByName = agentName,
            ReversesId = original.Id,
            CreatedAt = now,
        };
    }
}

public enum CreditEntryKind
{
    Issue,
    Reversal,
}
