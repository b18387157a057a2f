using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>The supervisors' escalation inbox: pending requests, oldest first, with the case they are about.</summary>
public static class ListPendingEscalations
{
    public sealed record Query : IQuery<IReadOnlyList<PendingEscalation>>, IRequireSupervisor;

    /// <param name="MayDecide">False for the caller's own requests: another supervisor must decide them.</param>
    public sealed record PendingEscalation(
        Guid Id, Guid CaseId, string CaseNumber, string CaseSubject, CaseCategory Category, CasePriority Priority, CaseStatus CaseStatus,
        AgentTier CaseTier, string SubscriberName, EscalationKind Kind, string RequestedBy, AgentTier FromTier, AgentTier ToTier, string Reason,
        DateTimeOffset RequestedAt, DateTimeOffset? AnswerDueAt, bool MayDecide);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<PendingEscalation>>
    {
        public async ValueTask<IReadOnlyList<PendingEscalation>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await (
                from r in db.EscalationRequests.AsNoTracking()
                where r.Status == EscalationStatus.Pending
                join c in db.Cases on r.CaseId equals c.Id
                join s in db.Subscribers on c.SubscriberId equals s.Id
                orderby r.RequestedAt, r.Id
                select new { Request = r, c.Number, c.Subject, c.Category, c.Priority, c.Status, c.Tier, s.FirstName, s.LastName })
                .ToListAsync(cancellationToken);
            return rows.Select(x => new PendingEscalation(
                x.Request.Id, x.Request.CaseId, CaseNumber.Format(x.Number), x.Subject, x.Category, x.Priority, x.Status, x.Tier,
                $"{x.FirstName} {x.LastName}".Trim(), x.Request.Kind, x.Request.RequestedByName, x.Request.FromTier, x.Request.ToTier,
                x.Request.Reason, x.Request.RequestedAt, x.Request.AnswerDueAt, x.Request.RequestedByAgentId != user.AgentId)).ToList();
        }
    }
}
