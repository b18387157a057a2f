using System.Security.Claims;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Api;

/// <summary>
/// Live chat over REST (ADR 0106): the same use cases as ChatHub. Subscribers and staff send a bearer token; guests send
/// no token but the chat's access token in <c>X-Chat-Token</c>. Live pushes come only through the hub.
/// </summary>
internal static class ChatEndpoints
{
    public const string TokenHeader = "X-Chat-Token";

    public sealed record SendBody(Guid? ClientMessageId, string? Text);

    public sealed record RateBody(int? Rating, string? Comment);

    public sealed record FallbackBody(ChatFallbackChoice? Choice, CallbackChoice? Callback);

    public static void MapChatEndpoints(this RouteGroupBuilder api)
    {
        var chats = api.MapGroup("/chats").WithTags("Chat");
        chats.MapPost("/", StartAsync).AllowAnonymous().RequireRateLimiting(Policies.ChatStartRateLimit)
            .WithSummary("Start a live chat: a subscriber (bearer token; caseId joins one of their open cases) or a guest (no token; guestName and guestEmail). A guest gets accessToken once: send it as X-Chat-Token.")
            .Produces<StartChatResult>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        chats.MapGet("/queue", QueueAsync)
            .WithSummary("The chats waiting for a person that your tier may accept, in queue order, with your chat load and capacity (staff).")
            .Produces<ChatQueueView>().ProducesProblem(StatusCodes.Status403Forbidden);
        chats.MapGet("/mine", MineAsync)
            .WithSummary("The chats you hold now, with their transcripts (staff).")
            .Produces<IReadOnlyList<ChatView>>().ProducesProblem(StatusCodes.Status403Forbidden);
        chats.MapGet("/{id:guid}", GetAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("A chat: state, place in queue and estimated wait, and the messages after afterSeq (0: all). Its participant (bearer or X-Chat-Token) or staff at its tier.")
            .Produces<ChatView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        chats.MapPost("/{id:guid}/messages", SendAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("Send a message (at most 2000 characters): the participant's, or the holding agent's. Returns the ack; the same clientMessageId again returns the same ack and stores nothing.")
            .Produces<ChatAck>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapPost("/{id:guid}/ask-for-person", AskForPersonAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("Talk to a person: the chat joins the human queue for its tier and language at once.")
            .Produces<ChatView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapPost("/{id:guid}/end", EndAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("End the chat (participant, holding agent, supervisor). The case stays open.")
            .Produces<ChatView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        chats.MapPost("/{id:guid}/rating", RateAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("Rate an ended chat once: rating 1–5 and an optional comment (participant).")
            .Produces<ChatView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapPost("/{id:guid}/fallback", FallbackAsync).AllowAnonymous().RequireRateLimiting(Policies.AnonymousRateLimit)
            .WithSummary("When offered (nobody free in time, or outside staffed hours): choose Callback (signed-in subscribers; callback holds phone, date, from, to, timeZone, topic) or Email. The chat ends; the case stays open.")
            .Produces<ChatView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapPost("/{id:guid}/accept", AcceptAsync)
            .WithSummary("Accept a waiting chat (staff). Exactly one of several agents wins; the others get 409 chat.already_accepted. 409 chat.capacity at your chat limit.")
            .Produces<ChatView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        chats.MapPost("/{id:guid}/transfer", TransferAsync)
            .WithSummary("Transfer a chat you hold (or as a supervisor) to one agent (toAgentId) or a tier's queue (toTier), with a note kept as an internal note on the case.")
            .Produces<ChatView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<StartChatResult>> StartAsync(StartChatRequest body, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        await SignInIfBearerAsync(context);
        var result = await mediator.Send(
            new StartChat.Command(body.GuestName, body.GuestEmail, body.Language, body.CaseId, body.FirstMessage), cancellationToken);
        return TypedResults.Created($"/api/v1/chats/{result.Chat.Id}", result);
    }

    private static async Task<Ok<ChatQueueView>> QueueAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListChatQueue.Query(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<ChatView>>> MineAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListMyChats.Query(), cancellationToken));

    private static async Task<Ok<ChatView>> GetAsync(Guid id, long? afterSeq, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var staff = await SignInIfBearerAsync(context);
        return TypedResults.Ok(staff
            ? await mediator.Send(new GetChat.StaffQuery(id, afterSeq ?? 0), cancellationToken)
            : await mediator.Send(new GetChat.Query(id, afterSeq ?? 0, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatAck>> SendAsync(Guid id, SendBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var staff = await SignInIfBearerAsync(context);
        var clientMessageId = body.ClientMessageId ?? Guid.Empty;
        var text = body.Text ?? string.Empty;
        return TypedResults.Ok(staff
            ? await mediator.Send(new SendAgentChatMessage.Command(id, clientMessageId, text), cancellationToken)
            : await mediator.Send(new SendChatMessage.Command(id, clientMessageId, text, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatView>> AskForPersonAsync(Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        await SignInIfBearerAsync(context);
        return TypedResults.Ok(await mediator.Send(new AskForPerson.Command(id, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatView>> EndAsync(Guid id, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        var staff = await SignInIfBearerAsync(context);
        return TypedResults.Ok(staff
            ? await mediator.Send(new EndChat.StaffCommand(id), cancellationToken)
            : await mediator.Send(new EndChat.Command(id, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatView>> RateAsync(Guid id, RateBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        await SignInIfBearerAsync(context);
        return TypedResults.Ok(await mediator.Send(new RateChat.Command(id, body.Rating ?? 0, body.Comment, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatView>> FallbackAsync(Guid id, FallbackBody body, HttpContext context, IMediator mediator, CancellationToken cancellationToken)
    {
        await SignInIfBearerAsync(context);
        return TypedResults.Ok(await mediator.Send(
            new ChooseChatFallback.Command(id, body.Choice ?? (ChatFallbackChoice)(-1), body.Callback, Token(context)), cancellationToken));
    }

    private static async Task<Ok<ChatView>> AcceptAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new AcceptChat.Command(id), cancellationToken));

    private static async Task<Ok<ChatView>> TransferAsync(Guid id, TransferChatRequest body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new TransferChat.Command(id, body.ToAgentId, body.ToTier, body.Note ?? string.Empty), cancellationToken));

    private static string? Token(HttpContext context) =>
        context.Request.Headers.TryGetValue(TokenHeader, out var token) ? token.ToString() : null;

    /// <summary>Anonymous routes (guests): a bearer token, when sent, says who the caller is. Returns whether it is staff.</summary>
    private static async Task<bool> SignInIfBearerAsync(HttpContext context)
    {
        // Only the bearer token counts here, never the site's cookie (no cross-site requests riding on it).
        var bearer = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
        context.User = bearer.Succeeded ? bearer.Principal : new ClaimsPrincipal(new ClaimsIdentity());

        var user = context.User;
        return user.FindFirstValue(HelpDeskClaims.AgentId) is not null && (user.IsInRole(Roles.Agent) || user.IsInRole(Roles.Supervisor));
    }
}
