using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>The chats the signed-in agent holds now, oldest accepted first, with their whole transcripts.</summary>
public static class ListMyChats
{
    public sealed record Query : IQuery<IReadOnlyList<ChatView>>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, ChatWork work) : IQueryHandler<Query, IReadOnlyList<ChatView>>
    {
        public async ValueTask<IReadOnlyList<ChatView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var chats = await db.ChatConversations.AsNoTracking()
                .Where(c => c.AgentId == agentId && c.State == ChatState.WithAgent)
                .OrderBy(c => c.AcceptedAt).ToListAsync(cancellationToken);
            var views = new List<ChatView>(chats.Count);
            foreach (var chat in chats)
            {
                views.Add(await work.ViewAsync(chat, 0, cancellationToken));
            }

            return views;
        }
    }
}
