using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>One incident for staff: scope, history (internal notes too), notification progress, linked cases.</summary>
public static class GetIncident
{
    public const int MaxLinkedCases = 500;

    public sealed record Query(Guid IncidentId) : IQuery<IncidentDetails>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IncidentDetails>
    {
        public async ValueTask<IncidentDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.AsNoTracking().Include(i => i.Updates)
                .SingleOrDefaultAsync(i => i.Id == query.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(query.IncidentId);
            var affected = await IncidentMatching.Affected(db, incident.Scope).CountAsync(cancellationToken);
            var notices = (await db.IncidentNotices.AsNoTracking()
                    .Where(n => n.IncidentId == incident.Id)
                    .Select(n => new
                    {
                        n.UpdateId,
                        View = new IncidentNoticeView(
                            n.Id, n.Status, n.Total, n.Queued,
                            db.IncidentRecipients.Count(r => r.NoticeId == n.Id && db.OutboundEmails.Any(e => e.Id == r.OutboundEmailId && e.Status == OutboundEmailStatus.Sent)),
                            db.IncidentRecipients.Count(r => r.NoticeId == n.Id && db.OutboundEmails.Any(e => e.Id == r.OutboundEmailId && e.Status == OutboundEmailStatus.Failed)),
                            n.RequestedAt, n.CompletedAt),
                    })
                    .ToListAsync(cancellationToken))
                .ToDictionary(n => n.UpdateId, n => n.View);
            var tiers = CaseAccess.TiersOpenTo(user).ToArray();
            var linked = await db.IncidentCases.AsNoTracking()
                .Where(l => l.IncidentId == incident.Id)
                .Join(db.Cases.Where(c => tiers.Contains(c.Tier)), l => l.CaseId, c => c.Id, (l, c) => new { l, c.Number, c.Subject, c.Status, c.Category })
                .OrderByDescending(x => x.l.LinkedAt)
                .Take(MaxLinkedCases)
                .ToListAsync(cancellationToken);
            var credit = await db.IncidentCreditRuns.AsNoTracking()
                .Where(r => r.IncidentId == incident.Id)
                .OrderBy(r => r.Status == IncidentCreditStatus.Rejected).ThenByDescending(r => r.RequestedAt)
                .FirstOrDefaultAsync(cancellationToken);
            return new IncidentDetails(
                incident.Id, incident.Title, incident.Description, incident.Severity, incident.Status, IncidentScopeView.Of(incident), incident.LinkedCategories,
                incident.StartedAt, incident.ExpectedEndAt, incident.ResolvedAt, incident.ClosingNote, incident.DeclaredByName, incident.DeclaredAt, affected,
                incident.Updates.OrderByDescending(u => u.CreatedAt)
                    .Select(u => new IncidentUpdateView(u.Id, u.Kind, u.Body, u.AuthorName, u.CreatedAt, notices.GetValueOrDefault(u.Id)))
                    .ToList(),
                linked.Select(x => new LinkedCaseView(x.l.CaseId, CaseNumber.Format(x.Number), x.Subject, x.Status, x.Category, x.l.Automatic, x.l.LinkedByName, x.l.LinkedAt)).ToList(),
                CanManage: user.Tier is { } tier && tier >= AgentTier.Tier2,
                Credit: credit is null ? null : IncidentCreditView.Of(credit),
                CanDecideCredit: credit is { Status: IncidentCreditStatus.PendingApproval } && user.IsInRole(Roles.Supervisor) && credit.RequestedByAgentId != user.AgentId);
        }
    }
}
