using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Credits;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>A credit request that now waits for a supervisor, or was decided, refreshes the approvals inbox after commit.</summary>
public sealed class CreditApprovalsToFeed(ChangeFeed feed) : ITransactionParticipant
{
    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<CreditRequest>().Any(e =>
                e.State == EntityState.Modified || (e.State == EntityState.Added && e.Entity.Status == CreditRequestStatus.PendingApproval)))
        {
            feed.ApprovalChanged();
        }

        return ValueTask.CompletedTask;
    }
}
