using System.Security.Claims;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// The one hub for staff at <c>/hubs/agent</c> (ADR 0005, 0123): queue changes, case changes, notifications, who else is
/// viewing or typing on a case, and the staff side of live chat (the chat queue, accepting, joining, replying,
/// transferring and ending chats), so a staff page needs one connection. Presence is not stored on the server: viewers
/// announce themselves to the case's group (and repeat it as a heartbeat) and each browser forgets viewers it stops
/// hearing from, so it works the same across nodes behind the Redis backplane.
/// </summary>
[Authorize(Policy = RealtimeServices.StaffHubPolicy)]
public sealed class AgentHub(IMediator mediator, ChatBroadcast broadcast, ChatCommandGate gate, IOptions<ChatHubOptions> chatOptions, ILogger<AgentHub> logger) : Hub
{
    public const string Path = "/hubs/agent";
    public const string StaffGroup = "staff";

    /// <summary>Supervisors' connections: told when the approvals inbox changes.</summary>
    public const string SupervisorsGroup = "supervisors";

    /// <summary>How often a viewer re-announces itself; browsers drop a viewer not heard from for three times this.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    // This connection's own state only: the cases it joined (to say goodbye on disconnect) and its label.
    private const string JoinedKey = "hd:cases";
    private const string LabelKey = "hd:label";

    public static string CaseGroup(Guid caseId) => $"case:{caseId:N}";

    public static string AgentGroup(Guid agentId) => $"agent:{agentId:N}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup);
        if (Context.User?.IsInRole(Roles.Supervisor) == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, SupervisorsGroup);
        }
        if (Guid.TryParse(Context.User?.FindFirstValue(HelpDeskClaims.AgentId), out var agentId))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(agentId));
        }

        await base.OnConnectedAsync();
    }

    /// <summary>
    /// Starts (or, called again, keeps alive) this connection's presence on a case. Refused unless the caller may
    /// open the case: the same tier rules as the case page, through the command layer.
    /// </summary>
    public async Task<WatchCase.Viewer> JoinCase(Guid caseId)
    {
        WatchCase.Viewer viewer;
        try
        {
            viewer = await mediator.Send(new WatchCase.Query(caseId), Context.ConnectionAborted);
        }
        catch (Exception ex) when (ex is ForbiddenException or NotFoundException or UnauthenticatedException)
        {
            logger.LogInformation("Refused presence on case {CaseId} for {User}: {Reason}", caseId, Context.UserIdentifier, ex.GetType().Name);
            throw new HubException("You cannot open this case.");
        }

        Joined().Add(caseId);
        Context.Items[LabelKey] = viewer.Label;
        await Groups.AddToGroupAsync(Context.ConnectionId, CaseGroup(caseId));
        await Clients.OthersInGroup(CaseGroup(caseId)).SendAsync("presence", new Presence(caseId, viewer.AgentId, viewer.Label, PresenceState.Viewing));
        return viewer;
    }

    public async Task LeaveCase(Guid caseId)
    {
        if (Joined().Remove(caseId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, CaseGroup(caseId));
            await AnnounceAsync(caseId, PresenceState.Left);
        }
    }

    /// <summary>Tells the others on the case that this agent is writing a reply.</summary>
    public async Task Typing(Guid caseId)
    {
        if (!Joined().Contains(caseId))
        {
            throw new HubException("Open the case before typing on it.");
        }

        await AnnounceAsync(caseId, PresenceState.Typing);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var caseId in Joined())
        {
            await AnnounceAsync(caseId, PresenceState.Left);
        }

        await ChatConnection.DisconnectedAsync(Context, broadcast);
        await base.OnDisconnectedAsync(exception);
    }

    // ---- The staff side of live chat (ADR 0106). Events: chatQueueChanged (staff group), chatAssigned (the agent's
    // group), chatMessage, chatState and typing (the chats this connection joined). -------------------------------

    /// <summary>Joins a chat (again) as staff: its state and the messages after <paramref name="afterSeq"/>, then pushes arrive live.</summary>
    public async Task<ChatView> JoinChat(Guid chatId, long afterSeq)
    {
        var view = await ChatConnection.Run(gate, () => mediator.Send(new GetChat.StaffQuery(chatId, afterSeq), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
        await ChatConnection.JoinAsync(Context, Groups, view.Id, new ChatConnection.Joined(null, ChatAuthorKind.Agent, view.AgentId == AgentId && view.AgentName is { } name ? name : StaffLabel));
        return view;
    }

    public Task LeaveChat(Guid chatId) => ChatConnection.LeaveAsync(Context, Groups, chatId);

    /// <summary>Accepts a waiting chat (exactly one of several agents wins) and joins it.</summary>
    public async Task<ChatView> AcceptChat(Guid chatId)
    {
        var view = await ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.AcceptChat.Command(chatId), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
        await ChatConnection.JoinAsync(Context, Groups, view.Id, new ChatConnection.Joined(null, ChatAuthorKind.Agent, view.AgentName ?? StaffLabel));
        return view;
    }

    /// <summary>
    /// The holding agent's message. A retry with the same <paramref name="clientMessageId"/> gets the same ack; more than
    /// the flood limit is refused.
    /// </summary>
    public async Task<ChatAck> SendMessage(Guid chatId, Guid clientMessageId, string text)
    {
        ChatConnection.TakeMessage(Context, chatOptions.Value, logger, chatId);
        return await ChatConnection.Run(gate, () => mediator.Send(new SendAgentChatMessage.Command(chatId, clientMessageId, text), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
    }

    /// <summary>Tells the others in the chat that this agent is (or stopped) typing. Only in a chat this connection joined.</summary>
    public Task ChatTyping(Guid chatId, bool isTyping) => ChatConnection.TypingAsync(Context, broadcast, chatId, isTyping);

    public Task<ChatView> EndChat(Guid chatId) =>
        ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.EndChat.StaffCommand(chatId), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);

    public Task<ChatView> TransferChat(Guid chatId, TransferChatRequest? request)
    {
        // A call without a request names no target: the command's own validation says so (it was a 500).
        request ??= new TransferChatRequest(null, null, null);
        return ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.TransferChat.Command(chatId, request.ToAgentId, request.ToTier, request.Note ?? string.Empty), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
    }

    private Guid? AgentId => Guid.TryParse(Context.User?.FindFirstValue(HelpDeskClaims.AgentId), out var id) ? id : null;

    private string StaffLabel => Context.User?.FindFirstValue(HelpDeskClaims.DisplayName) ?? "Agent";

    private async Task AnnounceAsync(Guid caseId, PresenceState state)
    {
        var agentId = Guid.TryParse(Context.User?.FindFirstValue(HelpDeskClaims.AgentId), out var id) ? id : Guid.Empty;
        var label = Context.Items.TryGetValue(LabelKey, out var known) && known is string text ? text : null;
        await Clients.OthersInGroup(CaseGroup(caseId)).SendAsync("presence", new Presence(caseId, agentId, label, state));
    }

    private HashSet<Guid> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is HashSet<Guid> joined)
        {
            return joined;
        }

        joined = [];
        Context.Items[JoinedKey] = joined;
        return joined;
    }
}
