using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Notifications;

/// <summary>Marks every unread notification of the caller read.</summary>
public static class MarkAllNotificationsRead
{
    public sealed record Command : ICommand<Result>, IRequireStaff;

    public sealed record Result(int Marked);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var marked = await db.Notifications
                .Where(n => n.AgentId == user.AgentId && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, (DateTimeOffset?)now), cancellationToken);
            return new Result(marked);
        }
    }
}
