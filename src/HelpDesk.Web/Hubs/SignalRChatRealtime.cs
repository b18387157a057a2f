using HelpDesk.Application.Chat;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Pushes committed chat changes: "chatMessage" and "chatState" to the chat's group on both hubs (participants on
/// <see cref="ChatHub"/>, staff on <see cref="AgentHub"/>), "chatAssigned" to the agent a chat was handed to, and when the
/// queue changed "queuePosition" to every waiting chat and "chatQueueChanged" to staff (both on the staff hub).
/// Best effort, like <see cref="SignalRRealtimePublisher"/>: a client that missed a push catches up on its next JoinChat.
/// </summary>
internal sealed partial class SignalRChatRealtime(IHubContext<ChatHub> hub, IHubContext<AgentHub> staff, ChatBroadcast broadcast, IServiceScopeFactory scopes, ILogger<SignalRChatRealtime> logger) : IChatRealtime
{
    public async Task PublishAsync(IReadOnlyList<ChatEvent> events, bool queueChanged, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chatEvent in events)
            {
                switch (chatEvent)
                {
                    case ChatMessageAdded added:
                        await broadcast.ToChatAsync(added.ChatId, "chatMessage", added.Message, null, cancellationToken);
                        break;
                    case ChatStateChanged changed:
                        await broadcast.ToChatAsync(changed.ChatId, "chatState", changed.Chat, null, cancellationToken);
                        break;
                    case ChatAssigned assigned:
                        await staff.Clients.Group(AgentHub.AgentGroup(assigned.AgentId)).SendAsync("chatAssigned", assigned.Chat, cancellationToken);
                        break;
                }
            }

            if (queueChanged)
            {
                await using var scope = scopes.CreateAsyncScope();
                var snapshot = await scope.ServiceProvider.GetRequiredService<ChatQueueReader>().ReadAsync(cancellationToken);
                foreach (var chat in snapshot.Chats)
                {
                    await hub.Clients.Group(ChatHub.ChatGroup(chat.Id)).SendAsync(
                        "queuePosition", new QueuePositionView(chat.Id, chat.Position, (int)chat.EstimatedWait.TotalSeconds), cancellationToken);
                }

                await staff.Clients.Group(AgentHub.StaffGroup).SendAsync("chatQueueChanged", snapshot.Summary(), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push chat changes to connected browsers; they catch up when they rejoin")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
