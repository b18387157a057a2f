namespace HelpDesk.Application.Chat;

public sealed class NullChatRealtime : IChatRealtime
{
    public Task PublishAsync(IReadOnlyList<ChatEvent> events, bool queueChanged, CancellationToken cancellationToken) => Task.CompletedTask;
}
