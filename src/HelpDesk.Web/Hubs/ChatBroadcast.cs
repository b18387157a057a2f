using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Sends to a chat's group on both hubs: the subscriber or guest is on <see cref="ChatHub"/>, the staff who joined it on
/// <see cref="AgentHub"/>. Connection ids are unique across hubs, so leaving out the sender works on both.
/// </summary>
public sealed class ChatBroadcast(IHubContext<ChatHub> participants, IHubContext<AgentHub> staff)
{
    public async Task ToChatAsync(Guid chatId, string method, object payload, string? exceptConnectionId, CancellationToken cancellationToken)
    {
        var group = ChatHub.ChatGroup(chatId);
        IReadOnlyList<string> except = exceptConnectionId is null ? [] : [exceptConnectionId];
        await participants.Clients.GroupExcept(group, except).SendAsync(method, payload, cancellationToken);
        await staff.Clients.GroupExcept(group, except).SendAsync(method, payload, cancellationToken);
    }
}
