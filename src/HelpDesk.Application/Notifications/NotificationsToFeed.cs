using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Notifications;

/// <summary>An agent who got a notification hears of it (the bell's count) after commit.</summary>
public sealed class NotificationsToFeed(ChangeFeed feed) : ITransactionParticipant
{
    public ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        foreach (var entry in db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added))
        {
            feed.AgentNotified(entry.Entity.AgentId);
        }

        return ValueTask.CompletedTask;
    }
}
