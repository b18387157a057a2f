using HelpDesk.Application.Common.Behaviors;

namespace HelpDesk.Application.Chat;

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
