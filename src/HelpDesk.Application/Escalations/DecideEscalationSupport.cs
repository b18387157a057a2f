using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Escalations;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

internal static class DecideEscalationSupport
{
    /// <summary>
    /// The request, tracked, read after taking a per-request lock for the rest of the transaction: a second supervisor
    /// deciding at the same time waits, then sees the first decision and is refused with who decided. The row version
    /// (<c>xmin</c>) backs this up for writers that do not take the lock.
    /// </summary>
    public static async Task<EscalationRequest> EscalationForDecisionAsync(this IHelpDeskDb db, Guid requestId, CancellationToken cancellationToken)
    {
        await db.LockUntilCommitAsync($"escalation:{requestId}", cancellationToken);
        return await db.EscalationRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException($"Escalation {requestId} was not found.");
    }
}
