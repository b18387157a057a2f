using System.Security.Claims;
using System.Threading.RateLimiting;
using FluentValidation;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>The start-chat request as the hub and the API take it (ADR 0106).</summary>
public sealed record StartChatRequest(string? GuestName, string? GuestEmail, string? Language, Guid? CaseId, string? FirstMessage);

/// <summary>Where to send a chat: one agent or a tier's queue, with a note for the next person.</summary>
public sealed record TransferChatRequest(Guid? ToAgentId, AgentTier? ToTier, string? Note);

/// <summary>
/// Live chat at <c>/hubs/chat</c> for subscribers (cookie or bearer), guests (anonymous, with the chat's access token) and
/// staff. Every method goes through the command layer; the hub only keeps which chats this connection joined (and the
/// guest's token for them), its typing label and its flood bucket. Contract: ADR 0106.
/// </summary>
[Authorize(Policy = ChatServices.ChatHubPolicy)]
public sealed class ChatHub(IMediator mediator, ChatStartLimiter startLimiter, IOptions<ChatHubOptions> options, ILogger<ChatHub> logger) : Hub
{
    public const string Path = "/hubs/chat";

    /// <summary>All staff connections: told when the chat queue changes.</summary>
    public const string StaffGroup = "chat-staff";

    public const string TooFast = "You are sending messages too fast. Wait a moment and send it again.";

    private const string JoinedKey = "hd:chats";
    private const string BucketKey = "hd:bucket";

    public static string ChatGroup(Guid chatId) => $"chat:{chatId:N}";

    public static string AgentGroup(Guid agentId) => $"chat-agent:{agentId:N}";

    public override async Task OnConnectedAsync()
    {
        if (IsStaff)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup);
            if (AgentId is { } agentId)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(agentId));
            }
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue(BucketKey, out var bucket) && bucket is IDisposable disposable)
        {
            disposable.Dispose();
        }

        foreach (var (chatId, joined) in Joined())
        {
            await Clients.OthersInGroup(ChatGroup(chatId)).SendAsync("typing", new TypingView(chatId, joined.Kind, joined.Label, false));
        }

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

        var result = await Run(() => mediator.Send(
            new Application.Chat.StartChat.Command(request.GuestName, request.GuestEmail, request.Language, request.CaseId, request.FirstMessage),
            Context.ConnectionAborted).AsTask());
        await JoinGroupAsync(result.Chat, result.AccessToken, ChatAuthorKind.Subscriber, result.Chat.DisplayName);
        return result;
    }

    /// <summary>Joins a chat (again): returns its state and the messages after <paramref name="afterSeq"/>, then pushes arrive live.</summary>
    public async Task<ChatView> JoinChat(Guid chatId, long afterSeq, string? accessToken)
    {
        ChatView view;
        if (IsStaff)
        {
            view = await Run(() => mediator.Send(new GetChat.StaffQuery(chatId, afterSeq), Context.ConnectionAborted).AsTask());
            await JoinGroupAsync(view, null, ChatAuthorKind.Agent, view.AgentId == AgentId && view.AgentName is { } name ? name : StaffLabel);
        }
        else
        {
            view = await Run(() => mediator.Send(new GetChat.Query(chatId, afterSeq, accessToken), Context.ConnectionAborted).AsTask());
            await JoinGroupAsync(view, accessToken, ChatAuthorKind.Subscriber, view.DisplayName);
        }

        return view;
    }

    public async Task LeaveChat(Guid chatId)
    {
        if (Joined().Remove(chatId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, ChatGroup(chatId));
        }
    }

    /// <summary>
    /// Sends a message: the participant's, or (staff) the holding agent's. Returns the ack; a retry with the same
    /// <paramref name="clientMessageId"/> gets the same ack. More than the flood limit is refused; nothing else is lost.
    /// </summary>
    public async Task<ChatAck> SendMessage(Guid chatId, Guid clientMessageId, string text)
    {
        if (!Bucket().AttemptAcquire(1).IsAcquired)
        {
            logger.LogInformation("Refused a chat message on {ChatId}: over the flood limit", chatId);
            throw new HubException(TooFast);
        }

        return IsStaff
            ? await Run(() => mediator.Send(new SendAgentChatMessage.Command(chatId, clientMessageId, text), Context.ConnectionAborted).AsTask())
            : await Run(() => mediator.Send(new Application.Chat.SendChatMessage.Command(chatId, clientMessageId, text, TokenFor(chatId)), Context.ConnectionAborted).AsTask());
    }

    /// <summary>Tells the others in the chat that this side is (or stopped) typing. Only in a chat this connection joined.</summary>
    public async Task Typing(Guid chatId, bool isTyping)
    {
        if (!Joined().TryGetValue(chatId, out var joined))
        {
            throw new HubException("Join the chat first.");
        }

        await Clients.OthersInGroup(ChatGroup(chatId)).SendAsync("typing", new TypingView(chatId, joined.Kind, joined.Label, isTyping));
    }

    public Task<ChatView> AskForPerson(Guid chatId) =>
        Run(() => mediator.Send(new Application.Chat.AskForPerson.Command(chatId, TokenFor(chatId)), Context.ConnectionAborted).AsTask());

    public Task<ChatView> EndChat(Guid chatId) => IsStaff
        ? Run(() => mediator.Send(new Application.Chat.EndChat.StaffCommand(chatId), Context.ConnectionAborted).AsTask())
        : Run(() => mediator.Send(new Application.Chat.EndChat.Command(chatId, TokenFor(chatId)), Context.ConnectionAborted).AsTask());

    public Task<ChatView> RateChat(Guid chatId, int rating, string? comment) =>
        Run(() => mediator.Send(new Application.Chat.RateChat.Command(chatId, rating, comment, TokenFor(chatId)), Context.ConnectionAborted).AsTask());

    public Task<ChatView> ChooseFallback(Guid chatId, ChatFallbackChoice choice, CallbackChoice? callback) =>
        Run(() => mediator.Send(new ChooseChatFallback.Command(chatId, choice, callback, TokenFor(chatId)), Context.ConnectionAborted).AsTask());

    /// <summary>Staff: accepts a waiting chat (exactly one of several agents wins) and joins it.</summary>
    public async Task<ChatView> AcceptChat(Guid chatId)
    {
        var view = await Run(() => mediator.Send(new Application.Chat.AcceptChat.Command(chatId), Context.ConnectionAborted).AsTask());
        await JoinGroupAsync(view, null, ChatAuthorKind.Agent, view.AgentName ?? StaffLabel);
        return view;
    }

    public Task<ChatView> TransferChat(Guid chatId, TransferChatRequest? request)
    {
        // A call without a request names no target: the command's own validation says so (it was a 500).
        request ??= new TransferChatRequest(null, null, null);
        return Run(() => mediator.Send(new Application.Chat.TransferChat.Command(chatId, request.ToAgentId, request.ToTier, request.Note ?? string.Empty), Context.ConnectionAborted).AsTask());
    }

    private bool IsStaff => AgentId is not null && (Context.User?.IsInRole(Roles.Agent) == true || Context.User?.IsInRole(Roles.Supervisor) == true);

    private Guid? AgentId => Guid.TryParse(Context.User?.FindFirstValue(HelpDeskClaims.AgentId), out var id) ? id : null;

    private string StaffLabel => Context.User?.FindFirstValue(HelpDeskClaims.DisplayName) ?? "Agent";

    private async Task JoinGroupAsync(ChatView view, string? accessToken, ChatAuthorKind kind, string label)
    {
        Joined()[view.Id] = new JoinedChat(accessToken, kind, label);
        await Groups.AddToGroupAsync(Context.ConnectionId, ChatGroup(view.Id));
    }

    private string? TokenFor(Guid chatId) => Joined().TryGetValue(chatId, out var joined) ? joined.AccessToken : null;

    private Dictionary<Guid, JoinedChat> Joined()
    {
        if (Context.Items.TryGetValue(JoinedKey, out var value) && value is Dictionary<Guid, JoinedChat> joined)
        {
            return joined;
        }

        joined = [];
        Context.Items[JoinedKey] = joined;
        return joined;
    }

    private TokenBucketRateLimiter Bucket()
    {
        if (Context.Items.TryGetValue(BucketKey, out var value) && value is TokenBucketRateLimiter bucket)
        {
            return bucket;
        }

        var o = options.Value;
        bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.MessagesPerWindow),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, o.WindowSeconds) / (double)Math.Max(1, o.MessagesPerWindow)),
            AutoReplenishment = true,
            QueueLimit = 0,
        });
        Context.Items[BucketKey] = bucket;
        return bucket;
    }

    /// <summary>The command layer's refusals become a <see cref="HubException"/> whose message the client shows.</summary>
    private async Task<T> Run<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ValidationException ex)
        {
            throw new HubException(string.Join(" ", ex.Errors.Select(e => e.ErrorMessage).Distinct()));
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException or UnauthenticatedException or DomainRuleException or ConcurrencyConflictException)
        {
            throw new HubException(ex.Message);
        }
    }

    private sealed record JoinedChat(string? AccessToken, ChatAuthorKind Kind, string Label);
}

/// <summary>Chat starts per client address per minute over the hub (<c>HelpDesk:RateLimits:ChatStartsPerMinute</c>).</summary>
public sealed class ChatStartLimiter : IDisposable
{
    public const string Refusal = "Too many chats started from your address. Wait a minute and try again.";

    private readonly PartitionedRateLimiter<string> _limiter;

    public ChatStartLimiter(IOptions<HelpDesk.Web.Security.RateLimitOptions> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var perMinute = Math.Max(1, limits.Value.ChatStartsPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(
            ip, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public RateLimitLease Acquire(string ip) => _limiter.AttemptAcquire(ip);

    public void Dispose() => _limiter.Dispose();
}
