using HelpDesk.Application.Cases;
using HelpDesk.Application.Escalations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class EscalationEndpoints
{
    public sealed record EscalateRequest(string? ToTier, string? Reason);

    public sealed record HandBackRequest(string? ToTier, string? Note);

    public sealed record AskSupervisorRequest(string? Reason);

    public sealed record DecisionRequest(string? Comment);

    public static void MapEscalationEndpoints(this RouteGroupBuilder api)
    {
        var escalations = api.MapGroup(string.Empty).WithTags("Escalations");
        escalations.MapPost("/cases/{id:guid}/escalations", EscalateAsync)
            .WithSummary("Escalate a case you may work to a higher tier with a reason (staff). Below the approval tier the case moves at once (201); at or above it the request waits for a supervisor (202).")
            .Produces<EscalationResult>(StatusCodes.Status201Created).Produces<EscalationResult>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        escalations.MapPost("/cases/{id:guid}/hand-back", HandBackAsync)
            .WithSummary("Hand a case back to a lower tier with a note (staff); it waits unassigned in that tier's queue.")
            .Produces<CaseState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        escalations.MapPost("/cases/{id:guid}/ask-supervisor", AskSupervisorAsync)
            .WithSummary("Ask for a supervisor on your own case (subscribers). Never blocked: the case moves to the Supervisor queue at once; the answer shows when to expect a reply.")
            .Produces<EscalationView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        escalations.MapGet("/cases/{id:guid}/escalations", CaseEscalationsAsync)
            .WithSummary("A case's escalations, oldest first (staff who may see the case; the subscriber sees their own requests for a supervisor).")
            .Produces<IReadOnlyList<EscalationView>>().ProducesProblem(StatusCodes.Status404NotFound);
        escalations.MapGet("/escalations/pending", PendingAsync)
            .WithSummary("Pending escalation requests, oldest first, with their case (supervisors).")
            .Produces<IReadOnlyList<ListPendingEscalations.PendingEscalation>>();
        escalations.MapPost("/escalations/{id:guid}/approve", ApproveAsync)
            .WithSummary("Approve a pending escalation (supervisors; never your own request).")
            .Produces<EscalationView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        escalations.MapPost("/escalations/{id:guid}/reject", RejectAsync)
            .WithSummary("Reject a pending escalation with a comment (supervisors; never your own request).")
            .Produces<EscalationView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> EscalateAsync(Guid id, EscalateRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new EscalateCase.Command(id, request.ToTier ?? string.Empty, request.Reason ?? string.Empty), cancellationToken);
        var location = $"/api/v1/cases/{id}/escalations";
        return result.Applied ? TypedResults.Created(location, result) : TypedResults.Accepted(location, result);
    }

    private static async Task<Ok<CaseState>> HandBackAsync(Guid id, HandBackRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new HandBackCase.Command(id, request.ToTier ?? string.Empty, request.Note ?? string.Empty), cancellationToken));

    private static async Task<Created<EscalationView>> AskSupervisorAsync(Guid id, AskSupervisorRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/cases/{id}/escalations", await mediator.Send(new AskForSupervisor.Command(id, request.Reason ?? string.Empty), cancellationToken));

    private static async Task<Ok<IReadOnlyList<EscalationView>>> CaseEscalationsAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCaseEscalations.Query(id), cancellationToken));

    private static async Task<Ok<IReadOnlyList<ListPendingEscalations.PendingEscalation>>> PendingAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListPendingEscalations.Query(), cancellationToken));

    private static async Task<Ok<EscalationView>> ApproveAsync(Guid id, DecisionRequest? request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ApproveEscalation.Command(id, request?.Comment), cancellationToken));

    private static async Task<Ok<EscalationView>> RejectAsync(Guid id, DecisionRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RejectEscalation.Command(id, request.Comment ?? string.Empty), cancellationToken));
}
