using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Notifications;

/// <summary>How many of the caller's notifications are unread (the badge in the agent navigation).</summary>
public static class CountUnreadNotifications
{
    public sealed record Query : IQuery<int>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Notifications.AsNoTracking().CountAsync(n => n.AgentId == user.AgentId && n.ReadAt == null, cancellationToken);
    }
}
