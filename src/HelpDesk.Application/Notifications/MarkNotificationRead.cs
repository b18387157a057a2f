using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Notifications;

/// <summary>Marks one of the caller's notifications read. Someone else's is "not found": its existence is not theirs to know.</summary>
public static class MarkNotificationRead
{
    public sealed record Command(Guid NotificationId) : ICommand<Result>, IRequireStaff;

    public sealed record Result(Guid Id, DateTimeOffset ReadAt, int UnreadCount);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var notification = await db.Notifications
                .SingleOrDefaultAsync(n => n.Id == command.NotificationId && n.AgentId == user.AgentId, cancellationToken)
                ?? throw new NotFoundException($"Notification {command.NotificationId} was not found.");
            var wasUnread = notification.ReadAt is null;
            notification.MarkRead(clock.UtcNow);
            var unread = await db.Notifications.CountAsync(n => n.AgentId == user.AgentId && n.ReadAt == null, cancellationToken);
            // The count above reads the database, where this change is not saved yet.
            return new Result(notification.Id, notification.ReadAt!.Value, wasUnread ? unread - 1 : unread);
        }
    }
}
