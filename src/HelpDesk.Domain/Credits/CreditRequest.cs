using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Credits;

public enum CreditRequestStatus
{
    PendingApproval,
    Approved,
    Rejected,
    Issued,
}

/// <summary>
/// An agent's request to credit a subscriber. Within the agent's authority it is <see cref="CreditRequestStatus.Issued"/>
/// at once; above it waits for a supervisor, who is never the requester.
/// </summary>
public sealed class CreditRequest
{
    public const int MaxNoteLength = 1000;
    public const int MaxCommentLength = 1000;

    private CreditRequest()
    {
        Currency = ReasonCode = RequestedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid SubscriberId { get; private set; }
    public Guid CaseId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public string ReasonCode { get; private set; }
    public string? Note { get; private set; }
    public Guid RequestedByAgentId { get; private set; }
    public string RequestedByName { get; private set; }
    public AgentTier RequestedByTier { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public CreditRequestStatus Status { get; private set; }

    /// <summary>Why it needed approval (the limit that triggered it), for the supervisor's inbox.</summary>
    public string? ApprovalReason { get; private set; }

    public int PolicyVersion { get; private set; }
    public Guid? DecidedByAgentId { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }

    /// <summary>Makes a retried submit (second click, replayed Idempotency-Key) land once; unique per requester.</summary>
    public Guid? ClientRequestId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint RowVersion { get; private set; }

    /// <summary>
    /// Submits a credit after <paramref name="decision"/>: issued at once (returns the ledger entry) when within
    /// authority, pending a supervisor when not; a refused decision throws.
    /// </summary>
    public static (CreditRequest Request, CreditEntry? Entry) Submit(
        Guid subscriberId, Guid caseId, decimal amount, string currency, string reasonCode, string? note, Agent requester,
        CreditDecision decision, int policyVersion, Guid? clientRequestId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind == CreditDecisionKind.Refused)
        {
            throw new DomainRuleException(decision.Code, decision.Reason);
        }

        var request = new CreditRequest
        {
            Id = Guid.CreateVersion7(),
            SubscriberId = subscriberId,
            CaseId = caseId,
            Amount = amount,
            Currency = currency.ToUpperInvariant(),
            ReasonCode = reasonCode,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            RequestedByAgentId = requester.Id,
            RequestedByName = requester.DisplayName,
            RequestedByTier = requester.Tier,
            RequestedAt = now,
            PolicyVersion = policyVersion,
            ClientRequestId = clientRequestId,
        };
        if (decision.Kind == CreditDecisionKind.NeedsApproval)
        {
            request.Status = CreditRequestStatus.PendingApproval;
            request.ApprovalReason = decision.Reason;
            return (request, null);
        }

        request.Status = CreditRequestStatus.Issued;
        request.DecidedByAgentId = requester.Id;
        request.DecidedByName = requester.DisplayName;
        request.DecidedAt = now;
        return (request, request.NewEntry(requester, now));
    }

    /// <summary>
    /// A supervisor approves: never the requester, and only within the approver's own authority
    /// (<paramref name="approverDecision"/>, decided for the approver's tier). Returns the ledger entry.
    /// </summary>
    public CreditEntry Approve(Agent approver, CreditDecision approverDecision, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        ArgumentNullException.ThrowIfNull(approverDecision);
        EnsurePending();
        if (approver.Id == RequestedByAgentId)
        {
            throw new DomainRuleException("credit.self_approval", "You asked for this credit, so someone else must approve it.");
        }

        if (approverDecision.Kind != CreditDecisionKind.WithinAuthority)
        {
            throw new DomainRuleException("credit.over_approver_limit",
                $"This credit is beyond your own authority too: {approverDecision.Reason} A supervisor with a higher limit must approve it.");
        }

        Decide(CreditRequestStatus.Approved, approver, comment, now);
        return NewEntry(approver, now);
    }

    public void Reject(Agent approver, string comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        EnsurePending();
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException("credit.rejection_needs_comment", "Say why the credit is rejected; the agent who asked will see it.");
        }

        Decide(CreditRequestStatus.Rejected, approver, comment, now);
    }

    private void EnsurePending()
    {
        if (Status != CreditRequestStatus.PendingApproval)
        {
            throw new DomainRuleException("credit.already_decided",
                $"This credit request was already {Status.ToString().ToLowerInvariant()} by {DecidedByName ?? RequestedByName}.");
        }
    }

    private void Decide(CreditRequestStatus status, Agent approver, string? comment, DateTimeOffset now)
    {
        Status = status;
        DecidedByAgentId = approver.Id;
        DecidedByName = approver.DisplayName;
        DecidedAt = now;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    // The ledger is shown to the subscriber: the issuer appears as on the timeline (first name and role).
    private CreditEntry NewEntry(Agent issuer, DateTimeOffset now) =>
        CreditEntry.Issue(SubscriberId, CaseId, Amount, Currency, ReasonCode, Note, issuer.Id, Cases.Case.AgentLabel(issuer), now, Id);
}
