using HelpDesk.Application.Callbacks;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Api;

/// <summary>
/// Phone callbacks: subscribers (bearer token) and the IVR (<c>X-Api-Key</c>, runs as the system) request them; staff
/// claim and record outcomes; the telephony provider posts call events.
/// </summary>
internal static class CallbackEndpoints
{
    /// <summary>
    /// Subscribers send date, from, to (local, HH:mm) and timeZone; the IVR sends windowStart/windowEnd instants and
    /// names the subscriber by subscriberId or email. caseId attaches the callback to that (own) case.
    /// </summary>
    public sealed record CallbackRequestBody(
        string? Phone, string? Topic, DateOnly? Date, TimeOnly? From, TimeOnly? To, string? TimeZone,
        DateTimeOffset? WindowStart, DateTimeOffset? WindowEnd, Guid? SubscriberId, string? Email, Guid? CaseId);

    public sealed record OutcomeBody(CallbackOutcome? Outcome, string? Notes);

    public sealed record CallEventBody(string? EventId, CallEventKind? Event, Guid? CallbackId, string? Phone, int? DurationSeconds, DateTimeOffset? OccurredAt);

    public static void MapCallbackEndpoints(this RouteGroupBuilder api)
    {
        var callbacks = api.MapGroup("/callbacks").WithTags("Callbacks");
        callbacks.MapPost("/", RequestAsync).AllowAnonymous().RequireRateLimiting(Policies.CallbackRateLimit)
            .WithSummary("Request a phone callback: a subscriber (bearer token; local date, from, to and timeZone) or the IVR (X-Api-Key; windowStart/windowEnd and subscriberId or email). Opens a phone case unless caseId names one of the subscriber's cases.")
            .Produces<CallbackView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        callbacks.MapGet("/", ListAsync)
            .WithSummary("The callback queue (staff) in claim order: promised time, then priority. status filters (default: waiting and claimed).")
            .Produces<ListCallbacks.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        callbacks.MapGet("/mine", MineAsync)
            .WithSummary("Your callbacks (subscribers), newest first, with place in queue and estimated time.")
            .Produces<IReadOnlyList<CallbackView>>();
        callbacks.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One callback with its place in the queue and estimated call time. Subscribers see their own only (others: 404).")
            .Produces<CallbackView>().ProducesProblem(StatusCodes.Status404NotFound);
        callbacks.MapPost("/{id:guid}/cancel", CancelAsync)
            .WithSummary("Cancel your callback (subscribers). The case stays open.")
            .Produces<CallbackView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapDelete("/{id:guid}", CancelAsync)
            .WithSummary("Same as POST /callbacks/{id}/cancel.")
            .Produces<CallbackView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        callbacks.MapPost("/claim-next", ClaimNextAsync)
            .WithSummary("Claim the next due callback (staff): earliest promised time, then priority; never the same callback to two agents. Returns the one you hold if you hold one.")
            .Produces<ClaimNextCallback.Result>().ProducesProblem(StatusCodes.Status403Forbidden);
        callbacks.MapPost("/{id:guid}/outcome", OutcomeAsync)
            .WithSummary("Record how the call went (the claiming agent only): Reached, NoAnswer, Voicemail or WrongNumber, with notes. No answer or voicemail schedules a retry with backoff; after the last attempt the subscriber is emailed.")
            .Produces<CallbackView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/telephony/events", CallEventAsync).WithTags("Callbacks").AllowAnonymous().RequireRateLimiting(Policies.CallbackRateLimit)
            .WithSummary("Telephony webhook (X-Api-Key): a call event (Ringing, Answered, Ended with durationSeconds) for a callbackId or phone number, attached to the callback and its case. A repeated eventId is stored once (200 with duplicate=true).")
            .Produces<RecordCallEvent.Result>(StatusCodes.Status201Created).Produces<RecordCallEvent.Result>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RequestAsync(
        CallbackRequestBody body, HttpContext context, IOptions<TelephonyOptions> telephony, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        CallbackView view;
        if (context.Request.Headers.ContainsKey(TelephonyOptions.Header))
        {
            if (!telephony.Value.Accepts(context.Request.Headers[TelephonyOptions.Header]))
            {
                return BadKey();
            }

            await using var scope = scopes.CreateSystemScope("telephony");
            view = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RequestCallback.IvrCommand(
                    body.SubscriberId, body.Email, body.Phone ?? string.Empty, body.WindowStart ?? default, body.WindowEnd ?? default,
                    body.Topic ?? string.Empty, body.TimeZone, body.CaseId),
                cancellationToken);
        }
        else
        {
            // Anonymous route (so the IVR's key can be checked): a subscriber proves who they are with the bearer token.
            var bearer = await context.AuthenticateAsync(IdentityConstants.BearerScheme);
            if (!bearer.Succeeded)
            {
                return TypedResults.Problem(
                    title: "Sign in required", statusCode: StatusCodes.Status401Unauthorized,
                    detail: "Send a subscriber's bearer token, or the telephony API key in X-Api-Key.");
            }

            context.User = bearer.Principal;
            view = await context.RequestServices.GetRequiredService<IMediator>().Send(
                new RequestCallback.Command(
                    body.Phone ?? string.Empty, body.Date ?? default, body.From ?? default, body.To ?? default, body.TimeZone ?? string.Empty,
                    body.Topic ?? string.Empty, body.CaseId),
                cancellationToken);
        }

        return TypedResults.Created($"/api/v1/callbacks/{view.Id}", view);
    }

    private static async Task<IResult> CallEventAsync(
        CallEventBody body, HttpContext context, IOptions<TelephonyOptions> telephony, IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        if (!telephony.Value.Accepts(context.Request.Headers[TelephonyOptions.Header]))
        {
            return BadKey();
        }

        await using var scope = scopes.CreateSystemScope("telephony");
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new RecordCallEvent.Command(body.EventId ?? string.Empty, body.Event ?? (CallEventKind)(-1), body.CallbackId, body.Phone, body.DurationSeconds, body.OccurredAt),
            cancellationToken);
        return result.Duplicate ? TypedResults.Ok(result) : TypedResults.Created($"/api/v1/callbacks/{result.CallbackId}", result);
    }

    private static ProblemHttpResult BadKey() => TypedResults.Problem(
        title: "Invalid API key", statusCode: StatusCodes.Status401Unauthorized,
        detail: $"The {TelephonyOptions.Header} header does not hold a telephony API key configured in HelpDesk:Telephony:ApiKeys.");

    private static async Task<Ok<ListCallbacks.Result>> ListAsync(
        IMediator mediator, CallbackStatus? status, int? page, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListCallbacks.Query(status, page ?? 1, pageSize ?? ListCallbacks.DefaultPageSize), cancellationToken));

    private static async Task<Ok<IReadOnlyList<CallbackView>>> MineAsync(IMediator mediator, Guid? caseId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListMyCallbacks.Query(caseId), cancellationToken));

    private static async Task<Ok<CallbackView>> GetAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCallback.Query(id), cancellationToken));

    private static async Task<Ok<CallbackView>> CancelAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new CancelCallback.Command(id), cancellationToken));

    private static async Task<Ok<ClaimNextCallback.Result>> ClaimNextAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ClaimNextCallback.Command(), cancellationToken));

    private static async Task<Ok<CallbackView>> OutcomeAsync(Guid id, OutcomeBody body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RecordCallbackOutcome.Command(id, body.Outcome ?? (CallbackOutcome)(-1), body.Notes), cancellationToken));
}
