using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>Everything waiting in the supervisors' approvals inbox: credit requests and escalation requests.</summary>
public static class CountPendingApprovals
{
    public sealed record Query : IQuery<int>, IRequireSupervisor;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken) =>
            await db.CreditRequests.CountAsync(r => r.Status == CreditRequestStatus.PendingApproval, cancellationToken)
            + await db.EscalationRequests.CountAsync(r => r.Status == EscalationStatus.Pending, cancellationToken);
    }
}
