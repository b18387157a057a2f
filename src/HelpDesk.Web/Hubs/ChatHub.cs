using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Live chat at <c>/hubs/chat</c> for subscribers (cookie or bearer) and guests (anonymous, with the chat's access token).
/// Staff take part in chats over their one console connection, <see cref="AgentHub"/> (ADR 0123); here a staff member
/// is no participant and is refused like anyone else who does not own the chat. Every method goes through the command
/// layer; the hub only keeps which chats this connection joined (and the guest's token for them), its typing label and
/// its flood bucket (<see cref="ChatConnection"/>). Contract: ADR 0106.
/// </summary>
[Authorize(Policy = ChatServices.ChatHubPolicy)]
public sealed class ChatHub(IMediator mediator, ChatStartLimiter startLimiter, ChatBroadcast broadcast, ChatCommandGate gate, IOptions<ChatHubOptions> options, ILogger<ChatHub> logger) : Hub
{
    public const string Path = "/hubs/chat";

    public const string TooFast = ChatConnection.TooFast;

    /// <summary>A chat's group, on this hub (the subscriber or guest) and on <see cref="AgentHub"/> (the staff who joined it).</summary>
    public static string ChatGroup(Guid chatId) => $"chat:{chatId:N}";

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await ChatConnection.DisconnectedAsync(Context, broadcast);
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts a chat (subscriber or guest; rate-limited per address) and joins this connection to it.</summary>
    public async Task<StartChatResult> StartChat(StartChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = startLimiter.Acquire(Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (!lease.IsAcquired)
        {
            throw new HubException(ChatStartLimiter.Refusal);
        }

        var result = await ChatConnection.Run(gate, () => mediator.Send(
            new Application.Chat.StartChat.Command(request.GuestName, request.GuestEmail, request.Language, request.CaseId, request.FirstMessage),
            Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
        await ChatConnection.JoinAsync(Context, Groups, result.Chat.Id, new ChatConnection.Joined(result.AccessToken, ChatAuthorKind.Subscriber, result.Chat.DisplayName));
        return result;
    }

    /// <summary>Joins a chat (again): returns its state and the messages after <paramref name="afterSeq"/>, then pushes arrive live.</summary>
    public async Task<ChatView> JoinChat(Guid chatId, long afterSeq, string? accessToken)
    {
        var view = await ChatConnection.Run(gate, () => mediator.Send(new GetChat.Query(chatId, afterSeq, accessToken), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
        await ChatConnection.JoinAsync(Context, Groups, view.Id, new ChatConnection.Joined(accessToken, ChatAuthorKind.Subscriber, view.DisplayName));
        return view;
    }

    public Task LeaveChat(Guid chatId) => ChatConnection.LeaveAsync(Context, Groups, chatId);

    /// <summary>
    /// Sends the participant's message. Returns the ack; a retry with the same <paramref name="clientMessageId"/> gets the
    /// same ack. More than the flood limit is refused; nothing else is lost.
    /// </summary>
    public async Task<ChatAck> SendMessage(Guid chatId, Guid clientMessageId, string text)
    {
        ChatConnection.TakeMessage(Context, options.Value, logger, chatId);
        return await ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.SendChatMessage.Command(chatId, clientMessageId, text, TokenFor(chatId)), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);
    }

    /// <summary>Tells the others in the chat that this side is (or stopped) typing. Only in a chat this connection joined.</summary>
    public Task Typing(Guid chatId, bool isTyping) => ChatConnection.TypingAsync(Context, broadcast, chatId, isTyping);

    public Task<ChatView> AskForPerson(Guid chatId) =>
        ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.AskForPerson.Command(chatId, TokenFor(chatId)), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);

    public Task<ChatView> EndChat(Guid chatId) =>
        ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.EndChat.Command(chatId, TokenFor(chatId)), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);

    public Task<ChatView> RateChat(Guid chatId, int rating, string? comment) =>
        ChatConnection.Run(gate, () => mediator.Send(new Application.Chat.RateChat.Command(chatId, rating, comment, TokenFor(chatId)), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);

    public Task<ChatView> ChooseFallback(Guid chatId, ChatFallbackChoice choice, CallbackChoice? callback) =>
        ChatConnection.Run(gate, () => mediator.Send(new ChooseChatFallback.Command(chatId, choice, callback, TokenFor(chatId)), Context.ConnectionAborted).AsTask(), Context.ConnectionAborted);

    private string? TokenFor(Guid chatId) => ChatConnection.Chats(Context).TryGetValue(chatId, out var joined) ? joined.AccessToken : null;
}
