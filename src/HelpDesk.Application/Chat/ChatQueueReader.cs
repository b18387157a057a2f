using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The human chat queue as it stands: each waiting chat's position in its queue (tier + language; more urgent first,
/// then earlier) and estimated wait = median recent wait × ceil(position / agents with a free slot under their own chat capacity) (ADR 0106).
/// </summary>
public sealed class ChatQueueReader(IHelpDeskDb db, IClock clock, IOptions<ChatOptions> options)
{
    public sealed record Waiting(Guid Id, AgentTier Tier, string Language, CasePriority Priority, DateTimeOffset QueuedAt, int Position, TimeSpan EstimatedWait);

    public sealed record Snapshot(IReadOnlyList<Waiting> Chats)
    {
        public Waiting? Find(Guid chatId) => Chats.FirstOrDefault(c => c.Id == chatId);

        public ChatQueueSummary Summary() => new(
            Chats.Count,
            Chats.GroupBy(c => (c.Tier, c.Language)).OrderBy(g => g.Key.Tier).ThenBy(g => g.Key.Language, StringComparer.Ordinal)
                .Select(g => new ChatQueueCount(g.Key.Tier, g.Key.Language, g.Count())).ToList());
    }

    internal static readonly ChatState[] WaitingStates = [ChatState.Queued, ChatState.FallbackOffered];

    public async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var waiting = await db.ChatConversations.AsNoTracking()
            .Where(c => WaitingStates.Contains(c.State) && c.QueueTier != null && c.QueuedAt != null)
            .Select(c => new { c.Id, Tier = c.QueueTier!.Value, c.Language, c.Priority, QueuedAt = c.QueuedAt!.Value })
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return new Snapshot([]);
        }

        var median = await MedianWaitAsync(now, cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => a.ChatCapacity > 0 && a.DeactivatedAt == null)
            .Select(a => new { a.Id, a.Tier, a.Languages, a.ChatCapacity }).ToListAsync(cancellationToken);
        var active = await db.ChatConversations.AsNoTracking().Where(c => c.State == ChatState.WithAgent && c.AgentId != null)
            .GroupBy(c => c.AgentId!.Value).Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Count, cancellationToken);
        var free = agents.Where(a => active.GetValueOrDefault(a.Id) < a.ChatCapacity).ToList();

        var result = new List<Waiting>(waiting.Count);
        foreach (var queue in waiting.GroupBy(w => (w.Tier, w.Language)))
        {
            var freeAgents = free.Count(a => ChatConversation.TierReaches(a.Tier, queue.Key.Tier)
                && (a.Languages.Count == 0 || a.Languages.Contains(queue.Key.Language.Split('-', 2)[0])));
            var position = 0;
            foreach (var chat in queue.OrderByDescending(w => w.Priority).ThenBy(w => w.QueuedAt).ThenBy(w => w.Id))
            {
                position++;
                result.Add(new Waiting(chat.Id, chat.Tier, chat.Language, chat.Priority, chat.QueuedAt, position,
                    ChatWaitEstimate.For(position, freeAgents, median)));
            }
        }

        return new Snapshot(result);
    }

    /// <summary>Median queued → accepted time of the most recent accepted chats (last 7 days), or the configured default.</summary>
    public async Task<TimeSpan> MedianWaitAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now - TimeSpan.FromDays(7);
        var recent = await db.ChatConversations.AsNoTracking()
            .Where(c => c.AcceptedAt != null && c.QueuedAt != null && c.AcceptedAt > since)
            .OrderByDescending(c => c.AcceptedAt)
            .Take(Math.Clamp(options.Value.WaitSampleSize, 1, 500))
            .Select(c => new { Queued = c.QueuedAt!.Value, Accepted = c.AcceptedAt!.Value })
            .ToListAsync(cancellationToken);
        var waits = recent.Select(r => r.Accepted - r.Queued).Where(w => w >= TimeSpan.Zero).ToList();
        return ChatWaitEstimate.Median(waits, options.Value.DefaultWait);
    }
}
