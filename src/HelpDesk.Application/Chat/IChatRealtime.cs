namespace HelpDesk.Application.Chat;

/// <summary>Pushes committed chat changes to connected clients (ChatHub in the web app; nothing elsewhere).</summary>
public interface IChatRealtime
{
    Task PublishAsync(IReadOnlyList<ChatEvent> events, bool queueChanged, CancellationToken cancellationToken);
}
