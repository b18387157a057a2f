using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>The supervisor's credit approvals inbox: pending requests, oldest first, with the case and the limit that triggered each.</summary>
public static class ListPendingCreditRequests
{
    public sealed record Query : IQuery<IReadOnlyList<PendingCredit>>, IRequireSupervisor;

    /// <param name="MayApprove">False for the caller's own requests: someone else must decide them.</param>
    public sealed record PendingCredit(
        Guid Id, Guid CaseId, string CaseNumber, string CaseSubject, Guid SubscriberId, string SubscriberName, decimal Amount, string Currency,
        string ReasonCode, string? Note, string RequestedBy, DateTimeOffset RequestedAt, string? ApprovalReason, bool MayApprove,
        HelpDesk.Domain.Agents.AgentTier CaseTier = HelpDesk.Domain.Agents.AgentTier.Tier1, HelpDesk.Domain.Agents.AgentTier RequestedByTier = HelpDesk.Domain.Agents.AgentTier.Tier1,
        int PolicyVersion = 0);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PendingCredit>>
    {
        public async ValueTask<IReadOnlyList<PendingCredit>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await (
                from r in db.CreditRequests.AsNoTracking()
                where r.Status == CreditRequestStatus.PendingApproval
                join c in db.Cases on r.CaseId equals c.Id
                join s in db.Subscribers on r.SubscriberId equals s.Id
                orderby r.RequestedAt, r.Id
                select new { Request = r, c.Number, c.Subject, c.Tier, s.FirstName, s.LastName })
                .ToListAsync(cancellationToken);
            return rows.Select(x => new PendingCredit(
                x.Request.Id, x.Request.CaseId, Domain.Cases.CaseNumber.Format(x.Number), x.Subject, x.Request.SubscriberId, $"{x.FirstName} {x.LastName}".Trim(),
                x.Request.Amount, x.Request.Currency, x.Request.ReasonCode, x.Request.Note, x.Request.RequestedByName, x.Request.RequestedAt,
                x.Request.ApprovalReason, x.Request.RequestedByAgentId != user.AgentId, x.Tier, x.Request.RequestedByTier, x.Request.PolicyVersion)).ToList();
        }
    }
}
