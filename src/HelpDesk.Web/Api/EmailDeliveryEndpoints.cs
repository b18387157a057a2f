using HelpDesk.Application.Email;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>The mail a case sent or is trying to send, and "retry now" for a failed one (staff).</summary>
internal static class EmailDeliveryEndpoints
{
    public static void MapEmailDeliveryEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}/emails").WithTags("Case email");
        cases.MapGet("/", ListAsync)
            .WithSummary("Outgoing email of the case, newest first: state (Queued, Sent, Retrying, Failed), attempts, next attempt, last error; " +
                         "emailConfigured is false while no SMTP server is set up; satisfaction is the subscriber's answer, if any.")
            .Produces<CaseEmails>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{emailId:guid}/retry", RetryAsync)
            .WithSummary("Queue a failed email to be sent again with a fresh set of attempts. A queued or retrying email is left as it is; a sent one is refused (409).")
            .Produces<OutboundEmailView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<CaseEmails>> ListAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCaseEmailDeliveries.Query(id), cancellationToken));

    private static async Task<Ok<OutboundEmailView>> RetryAsync(Guid id, Guid emailId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RetryEmail.Command(id, emailId), cancellationToken));
}
