using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>The chats waiting for a person that this agent's tier may accept, in queue order, with the agent's load.</summary>
public static class ListChatQueue
{
    public sealed record Query : IQuery<ChatQueueView>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, ChatQueueReader reader, ChatWork work) : IQueryHandler<Query, ChatQueueView>
    {
        public async ValueTask<ChatQueueView> Handle(Query query, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var tier = user.Tier ?? throw new ForbiddenException("Your account has no tier.");
            var snapshot = await reader.ReadAsync(cancellationToken);
            var visible = snapshot.Chats.Where(c => ChatConversation.TierReaches(tier, c.Tier)).ToList();
            var ids = visible.Select(c => c.Id).ToList();
            var chats = await db.ChatConversations.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Join(db.Cases, c => c.CaseId, k => (Guid?)k.Id, (c, k) => new { Chat = c, k.Number })
                .ToDictionaryAsync(x => x.Chat.Id, cancellationToken);
            var lastWords = await db.ChatMessages.AsNoTracking()
                .Where(m => ids.Contains(m.ConversationId) && m.AuthorKind == ChatAuthorKind.Subscriber)
                .GroupBy(m => m.ConversationId)
                .Select(g => new { Id = g.Key, Text = g.OrderByDescending(m => m.Seq).Select(m => m.Text).First() })
                .ToDictionaryAsync(x => x.Id, x => x.Text, cancellationToken);
            var now = clock.UtcNow;
            var items = visible
                .Where(w => chats.ContainsKey(w.Id))
                .OrderByDescending(w => w.Priority).ThenBy(w => w.QueuedAt)
                .Select(w =>
                {
                    var c = chats[w.Id].Chat;
                    var text = lastWords.GetValueOrDefault(w.Id);
                    return new ChatQueueItem(c.Id, c.CaseId ?? Guid.Empty, CaseNumber.Format(chats[w.Id].Number), c.DisplayName, c.IsGuest, c.Language, w.Tier, w.Priority,
                        c.Category, c.IntentKey, c.State, w.Position, w.QueuedAt, (int)Math.Max(0, (now - w.QueuedAt).TotalSeconds),
                        text is null ? null : text.Length > 200 ? text[..200] + "…" : text);
                })
                .ToList();
            var capacity = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => a.ChatCapacity).SingleAsync(cancellationToken);
            return new ChatQueueView(items, capacity, await work.ActiveChatsAsync(agentId, cancellationToken));
        }
    }
}
