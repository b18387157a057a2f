using HelpDesk.Application.Cases;
using HelpDesk.Application.Queues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>What an agent does on the case page and from the queue list, over HTTP.</summary>
internal static class CaseActionEndpoints
{
    public sealed record AssignRequest(Guid? AssigneeId, string? Reason);

    public sealed record StatusRequest(string? Status);

    public sealed record PriorityRequest(string? Priority);

    public sealed record CategoryRequest(string? Category);

    public sealed record FollowUpRequest(DateTimeOffset? DueAt, string? Note);

    public sealed record MergeRequest(string? Into);

    public static void MapCaseActionEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/queues/{queue}/claim-next", ClaimNextAsync).WithTags("Queues")
            .WithSummary("Take the most urgent unassigned case you are eligible for from a queue (staff).")
            .WithDescription(
                "Always 200 when the queue exists and your tier reaches it: `claimed` is true with the case, or false with " +
                "`outcome` (QueueEmpty, NothingEligible, AtCapacity) and a `message` saying why nothing was taken. " +
                "404 for an unknown queue, 403 for a queue above your tier. Two agents never receive the same case.")
            .Produces<ClaimNextCase.Result>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Case actions");
        cases.MapGet("/assignees", AssigneesAsync)
            .WithSummary("Staff who can be given this case (tier, skills, language), with their active cases and capacity.")
            .Produces<IReadOnlyList<ListAssignees.Option>>();
        cases.MapPost("/assign", AssignAsync)
            .WithSummary("Give the case to an agent (assigneeId), or put it back in its queue (assigneeId null). Taking it from someone or unassigning needs a reason.")
            .Produces<CaseState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/status", StatusAsync)
            .WithSummary("Move the case to another status: Open, PendingSubscriber, PendingInternal, Resolved or Closed.")
            .Produces<CaseState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/priority", PriorityAsync)
            .WithSummary("Change the priority (Low, Normal, High, Urgent); SLA deadlines follow the new priority.")
            .Produces<CaseState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/category", CategoryAsync)
            .WithSummary("Change the category. A safety-sensitive category moves the case to Tier 3 as Urgent (canWork tells whether you still can).")
            .Produces<CaseState>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/follow-ups", PromiseAsync)
            .WithSummary("Promise the subscriber a follow-up by dueAt (ISO 8601 with offset), with an optional note they see. Idempotency-Key makes retries safe.")
            .Produces<FollowUpView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapDelete("/follow-ups/{followUpId:guid}", CancelFollowUpAsync)
            .WithSummary("Withdraw a pending follow-up promise.")
            .Produces<FollowUpView>().ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapPost("/merge", MergeAsync)
            .WithSummary("Merge this case into another case of the same subscriber (into: its number, like HD-000123). This case closes; its timeline moves.")
            .Produces<MergeCases.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<ClaimNextCase.Result>> ClaimNextAsync(string queue, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ClaimNextCase.Command(queue), cancellationToken));

    private static async Task<Ok<IReadOnlyList<ListAssignees.Option>>> AssigneesAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListAssignees.Query(id), cancellationToken));

    private static async Task<Ok<CaseState>> AssignAsync(Guid id, AssignRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new AssignCase.Command(id, request.AssigneeId, request.Reason), cancellationToken));

    private static async Task<Ok<CaseState>> StatusAsync(Guid id, StatusRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ChangeCaseStatus.Command(id, request.Status ?? string.Empty), cancellationToken));

    private static async Task<Ok<CaseState>> PriorityAsync(Guid id, PriorityRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ChangeCasePriority.Command(id, request.Priority ?? string.Empty), cancellationToken));

    private static async Task<Ok<CaseState>> CategoryAsync(Guid id, CategoryRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ChangeCaseCategory.Command(id, request.Category ?? string.Empty), cancellationToken));

    private static async Task<IResult> PromiseAsync(
        Guid id, FollowUpRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!CaseEndpoints.TryRequestId(idempotencyKey, out var requestId, out var problem))
        {
            return problem!;
        }

        var promise = await mediator.Send(new PromiseFollowUp.Command(id, request.DueAt ?? default, request.Note, requestId), cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}", promise);
    }

    private static async Task<Ok<FollowUpView>> CancelFollowUpAsync(Guid id, Guid followUpId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new CancelFollowUp.Command(id, followUpId), cancellationToken));

    private static async Task<Ok<MergeCases.Result>> MergeAsync(Guid id, MergeRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new MergeCases.Command(id, request.Into ?? string.Empty), cancellationToken));
}
