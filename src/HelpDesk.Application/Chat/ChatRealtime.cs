using HelpDesk.Application.Common.Behaviors;

namespace HelpDesk.Application.Chat;

/// <summary>Something a chat's connected clients should hear, collected by a command and pushed after it commits.</summary>
public abstract record ChatEvent(Guid ChatId);

/// <summary>A new message ("chatMessage").</summary>
public sealed record ChatMessageAdded(ChatMessageView Message) : ChatEvent(Message.ChatId);

/// <summary>The chat's state changed ("chatState").</summary>
public sealed record ChatStateChanged(ChatView Chat) : ChatEvent(Chat.Id);

/// <summary>The chat was handed to an agent ("chatAssigned" to that agent).</summary>
public sealed record ChatAssigned(Guid AgentId, ChatView Chat) : ChatEvent(Chat.Id);

/// <summary>Scoped: what the current command changed in chats, published after the command committed (a transaction participant).</summary>
public sealed class ChatFeed(IChatRealtime realtime) : ITransactionParticipant
{
    private readonly List<ChatEvent> _events = [];

    public IReadOnlyList<ChatEvent> Events => _events;

    /// <summary>A chat joined, left or moved in the human queue: every queued chat's position is pushed again.</summary>
    public bool QueueChanged { get; private set; }

    public bool IsEmpty => _events.Count == 0 && !QueueChanged;

    public void Add(ChatEvent chatEvent) => _events.Add(chatEvent);

    public void QueueHasChanged() => QueueChanged = true;

    public int Order => TransactionStage.Observe + 50;

    public async ValueTask AfterCommitAsync(CancellationToken cancellationToken)
    {
        if (!IsEmpty)
        {
            await realtime.PublishAsync(_events.ToList(), QueueChanged, cancellationToken);
        }
    }

    public void Reset()
    {
        _events.Clear();
        QueueChanged = false;
    }
}

/// <summary>Pushes committed chat changes to connected clients (ChatHub in the web app; nothing elsewhere).</summary>
public interface IChatRealtime
{
    Task PublishAsync(IReadOnlyList<ChatEvent> events, bool queueChanged, CancellationToken cancellationToken);
}

public sealed class NullChatRealtime : IChatRealtime
{
    public Task PublishAsync(IReadOnlyList<ChatEvent> events, bool queueChanged, CancellationToken cancellationToken) => Task.CompletedTask;
}
