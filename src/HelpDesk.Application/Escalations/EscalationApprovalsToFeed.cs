using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Escalations;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>An escalation that now waits for a supervisor, or was decided, refreshes the approvals inbox after commit.</summary>
public sealed class EscalationApprovalsToFeed(ChangeFeed feed) : ITransactionParticipant
{
    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<EscalationRequest>().Any(e =>
                e.State == EntityState.Modified || (e.State == EntityState.Added && e.Entity.Status == EscalationStatus.Pending)))
        {
            feed.ApprovalChanged();
        }

        return ValueTask.CompletedTask;
    }
}
