using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>Every case a command opened or changed is pushed to the queues and case pages after commit.</summary>
public sealed class CaseChangesToFeed(ChangeFeed feed) : ITransactionParticipant
{
    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            feed.CaseChanged(entry.Entity.Id, entry.Entity.Queue);
        }

        return ValueTask.CompletedTask;
    }
}
