using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>What issuing and approving credits share: one writer per subscriber, the policy in force, the 30-day history.</summary>
internal static class CreditSupport
{
    /// <summary>
    /// Serializes credit decisions for one subscriber until the command's transaction ends, so concurrent submits and
    /// approvals see each other's results: a replayed request finds the first one, two approvals decide once, and the
    /// rolling 30-day total cannot be exceeded by racing requests.
    /// </summary>
    public static Task LockSubscriberCreditsAsync(this IHelpDeskDb db, Guid subscriberId, CancellationToken cancellationToken) =>
        db.LockUntilCommitAsync($"credits:{subscriberId}", cancellationToken);

    public static async Task<CreditAuthorityPolicy> CurrentCreditPolicyAsync(this IHelpDeskDb db, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.CreditAuthorityPolicies.AsNoTracking().Where(p => p.EffectiveFrom <= now).OrderByDescending(p => p.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? throw new DomainRuleException("credit.no_policy", "No credit authority policy is in force; an administrator must set one.");

    public static async Task<List<PriorCredit>> CreditsInWindowAsync(this IHelpDeskDb db, Guid subscriberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - CreditAuthority.Window;
        return await db.CreditEntries.AsNoTracking()
            .Where(e => e.SubscriberId == subscriberId && e.Kind == CreditEntryKind.Issue && e.CreatedAt > since)
            .Select(e => new PriorCredit(e.Amount, e.Currency, e.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public static async Task NotifySupervisorsAsync(this IHelpDeskDb db, CreditRequest request, Guid exceptAgentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var supervisors = await db.Agents.AsNoTracking().Where(a => a.Tier == AgentTier.Supervisor && a.Id != exceptAgentId)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var message = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{request.RequestedByName} asks to credit {request.Amount:0.00} {request.Currency} ({request.ReasonCode}): {request.ApprovalReason}");
        foreach (var supervisor in supervisors)
        {
            db.Notifications.Add(Notification.Create(supervisor, request.CaseId, "credit.approval_requested", message, now));
        }
    }
}

internal static class CreditDecisionSupport
{
    /// <summary>
    /// The request, tracked, read only after taking the subscriber's credit lock: a second approver waiting on the lock
    /// then sees the first decision and is refused, instead of deciding again.
    /// </summary>
    public static async Task<CreditRequest> PendingForDecisionAsync(this IHelpDeskDb db, Guid requestId, CancellationToken cancellationToken)
    {
        var subscriberId = await db.CreditRequests.AsNoTracking().Where(r => r.Id == requestId).Select(r => (Guid?)r.SubscriberId)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new Common.NotFoundException($"Credit request {requestId} was not found.");
        await db.LockSubscriberCreditsAsync(subscriberId, cancellationToken);
        return await db.CreditRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
    }
}
