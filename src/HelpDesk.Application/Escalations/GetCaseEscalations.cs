using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>
/// A case's escalations, oldest first. Staff who may see the case see all of them; the subscriber who owns it sees only
/// their own requests for a supervisor (with the answer time and the outcome).
/// </summary>
public static class GetCaseEscalations
{
    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<EscalationView>>, ICaseRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<EscalationView>>
    {
        public async ValueTask<IReadOnlyList<EscalationView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = db.EscalationRequests.AsNoTracking().Where(r => r.CaseId == query.CaseId);
            if (!user.IsStaff())
            {
                rows = rows.Where(r => r.Kind == EscalationKind.SubscriberAskedForSupervisor);
            }

            var list = await rows.OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
            return list.Select(EscalationView.From).ToList();
        }
    }
}
