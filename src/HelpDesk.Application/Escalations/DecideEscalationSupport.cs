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
        var key = $"escalation:{requestId}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        return await db.EscalationRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new NotFoundException($"Escalation {requestId} was not found.");
    }
}
