using FluentValidation;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// What a connection keeps about the chats it takes part in, on either side: subscribers and guests on
/// <see cref="ChatHub"/>, staff on <see cref="AgentHub"/> (ADR 0123). The chats it joined (with a guest's access token
/// and its typing label), its flood bucket, and how the command layer's refusals become the message the client shows.
/// </summary>
internal static class ChatConnection
{
    public const string TooFast = "You are sending messages too fast. Wait a moment and send it again.";

    private const string JoinedKey = "hd:chats";
    private const string BucketKey = "hd:bucket";

    public sealed record Joined(string? AccessToken, ChatAuthorKind Kind, string Label);

    public static Dictionary<Guid, Joined> Chats(HubCallerContext context)
    {
        if (context.Items.TryGetValue(JoinedKey, out var value) && value is Dictionary<Guid, Joined> joined)
        {
            return joined;
        }

        joined = [];
        context.Items[JoinedKey] = joined;
        return joined;
    }

    /// <summary>Joins the connection to the chat's group on its own hub and remembers it (token and typing label).</summary>
    public static async Task JoinAsync(HubCallerContext context, IGroupManager groups, Guid chatId, Joined joined)
    {
        Chats(context)[chatId] = joined;
        await groups.AddToGroupAsync(context.ConnectionId, ChatHub.ChatGroup(chatId));
    }

    public static async Task LeaveAsync(HubCallerContext context, IGroupManager groups, Guid chatId)
    {
        if (Chats(context).Remove(chatId))
        {
            await groups.RemoveFromGroupAsync(context.ConnectionId, ChatHub.ChatGroup(chatId));
        }
    }

    /// <summary>Takes one message from the connection's flood bucket; refuses with <see cref="TooFast"/> when it is empty.</summary>
    public static void TakeMessage(HubCallerContext context, ChatHubOptions options, ILogger logger, Guid chatId)
    {
        if (!Bucket(context, options).TryTake())
        {
            logger.LogInformation("Refused a chat message on {ChatId}: over the flood limit", chatId);
            throw new HubException(TooFast);
        }
    }

    /// <summary>Tells the others in the chat (both sides) that this connection is typing, or stopped.</summary>
    public static Task TypingAsync(HubCallerContext context, ChatBroadcast broadcast, Guid chatId, bool isTyping)
    {
        if (!Chats(context).TryGetValue(chatId, out var joined))
        {
            throw new HubException("Join the chat first.");
        }

        return broadcast.ToChatAsync(chatId, "typing", new TypingView(chatId, joined.Kind, joined.Label, isTyping), context.ConnectionId, context.ConnectionAborted);
    }

    /// <summary>On disconnect: says "stopped typing" in every chat the connection joined.</summary>
    public static async Task DisconnectedAsync(HubCallerContext context, ChatBroadcast broadcast)
    {
        foreach (var (chatId, joined) in Chats(context))
        {
            await broadcast.ToChatAsync(chatId, "typing", new TypingView(chatId, joined.Kind, joined.Label, false), context.ConnectionId, CancellationToken.None);
        }
    }

    /// <summary>
    /// Runs a chat command once the node's <see cref="ChatCommandGate"/> has a slot for it; the command layer's refusals
    /// become a <see cref="HubException"/> whose message the client shows.
    /// </summary>
    public static async Task<T> Run<T>(ChatCommandGate gate, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.RunAsync(action, cancellationToken);
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

    private static FloodBucket Bucket(HubCallerContext context, ChatHubOptions options)
    {
        if (context.Items.TryGetValue(BucketKey, out var value) && value is FloodBucket bucket)
        {
            return bucket;
        }

        bucket = FloodBucket.For(options, TimeProvider.System);
        context.Items[BucketKey] = bucket;
        return bucket;
    }
}
