using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Audit;

/// <summary>
/// The history of one case (who did what, when, before and after), oldest first. Staff only: subscribers are
/// refused even for their own cases.
/// </summary>
public static class GetCaseAudit
{
    /// <summary>At most this many of the latest events are returned; the audit search pages through the rest.</summary>
    public const int MaxEvents = 200;

    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<AuditEntry>>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<AuditEntry>>
    {
        public async ValueTask<IReadOnlyList<AuditEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var number = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
            var rows = await db.AuditEvents.AsNoTracking()
                .Where(a => a.CaseId == query.CaseId)
                .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
                .Take(MaxEvents)
                .ToListAsync(cancellationToken);

            var supervisor = user.IsInRole(Roles.Supervisor);
            return rows
                .OrderBy(a => a.OccurredAt).ThenBy(a => a.Id)
                .Select(a => new AuditEntry(
                    a.Id, a.OccurredAt, a.ActorName, supervisor ? a.ActorIp : null, a.Action, a.EntityType, a.EntityId, a.CaseId,
                    CaseNumber.Format(number), AuditChanges.Parse(a.Data)))
                .ToList();
        }
    }
}
