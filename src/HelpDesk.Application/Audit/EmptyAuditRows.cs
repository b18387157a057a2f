using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Audit;

/// <summary>An audit row that changed nothing is not written (dropped last, after every participant added its rows).</summary>
public sealed class EmptyAuditRows : ITransactionParticipant
{
    public int Order => TransactionStage.Prune;

    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.Data == AuditData.NothingChanged).ToList())
        {
            entry.State = EntityState.Detached;
        }

        return ValueTask.CompletedTask;
    }
}
