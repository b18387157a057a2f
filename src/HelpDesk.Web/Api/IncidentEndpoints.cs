using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Incidents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary><c>/api/v1/incidents</c>: incidents and outages (ADR 0115). Staff read; Tier 2 and up declare, update, resolve.</summary>
internal static class IncidentEndpoints
{
    public sealed record DeclareRequest(
        string? Title, string? Description, string? Severity, DateTimeOffset? StartedAt, DateTimeOffset? ExpectedEndAt,
        IReadOnlyList<string>? Regions, IReadOnlyList<string>? Countries, IReadOnlyList<string>? Plans, IReadOnlyList<string>? DeviceKinds,
        IReadOnlyList<string>? AppVersions, IReadOnlyList<string>? Categories, bool? NotifySubscribers);

    public sealed record UpdateRequest(string? Body, bool? Internal, string? Severity, DateTimeOffset? ExpectedEndAt, bool? ClearExpectedEnd);

    public sealed record ResolveRequest(DateTimeOffset? ResolvedAt, string? Note, bool? NotifySubscribers);

    public sealed record LinkRequest(string? Case);

    public sealed record CreditRequest(string? Method, IReadOnlyDictionary<string, decimal>? Amounts, decimal? Percent, string? Note);

    public sealed record DecisionRequest(string? Reason);

    public sealed record ReplyRequest(Guid? RequestId, string? Body, bool? ResolveCases);

    public static void MapIncidentEndpoints(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Incidents");
        incidents.MapGet("/", ListAsync)
            .WithSummary("Incidents, newest first (staff). openOnly=true lists open ones; cursor pages on.")
            .Produces<Page<IncidentSummary>>().ProducesValidationProblem();
        incidents.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One incident (staff): scope, affected subscribers, updates and internal notes, notification counts (total, queued, delivered, failed) and linked cases.")
            .Produces<IncidentDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapPost("/", DeclareAsync)
            .WithSummary("Declare an incident (Tier 2 and up). Each scope part given must match; none given affects everyone. notifySubscribers emails each affected subscriber once.")
            .Produces<DeclareIncident.Result>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        incidents.MapPost("/{id:guid}/updates", UpdateAsync)
            .WithSummary("Post a public update or an internal note (internal=true), optionally a new severity or expected end (Tier 2 and up).")
            .Produces<PostIncidentUpdate.Result>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        incidents.MapPost("/{id:guid}/resolve", ResolveAsync)
            .WithSummary("Resolve with a time and a closing note (Tier 2 and up); notifySubscribers emails each affected subscriber once.")
            .Produces<ResolveIncident.Result>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        incidents.MapPost("/{id:guid}/cases", LinkAsync)
            .WithSummary("Link a case by number (staff who may open it).")
            .Produces<LinkIncidentCase.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        incidents.MapDelete("/{id:guid}/cases/{caseId:guid}", UnlinkAsync)
            .WithSummary("Unlink a case (staff who may open it).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapPost("/{id:guid}/reply", ReplyAsync)
            .WithSummary("One public reply on every linked case the caller may work, optionally resolving each; idempotent per requestId.")
            .Produces<ReplyToLinkedCases.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapPost("/{id:guid}/credits", ProposeCreditAsync)
            .WithSummary("Propose a goodwill credit for everyone affected (Tier 2 and up): method FixedPerCurrency with amounts {\"EUR\": 5} or PlanShare with percent; it always waits for a supervisor who is not the requester.")
            .Produces<IncidentCreditView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        incidents.MapPost("/{id:guid}/credits/approve", ApproveCreditAsync)
            .WithSummary("Approve the proposed credit (supervisors other than the requester); the worker then issues one ledger entry per affected subscriber.")
            .Produces<IncidentCreditView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        incidents.MapPost("/{id:guid}/credits/reject", RejectCreditAsync)
            .WithSummary("Reject the proposed credit with a reason (supervisors).")
            .Produces<IncidentCreditView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/me/incidents", MineAsync).WithTags("Incidents")
            .WithSummary("Open incidents affecting the signed-in subscriber (public text only).")
            .Produces<IReadOnlyList<PublicIncident>>();
    }

    private static async Task<Ok<Page<IncidentSummary>>> ListAsync(IMediator mediator, string? cursor, int? pageSize, bool? openOnly, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListIncidents.Query(cursor, pageSize ?? ListIncidents.DefaultPageSize, openOnly ?? false), cancellationToken));

    private static async Task<Ok<IncidentDetails>> GetAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetIncident.Query(id), cancellationToken));

    private static async Task<Created<DeclareIncident.Result>> DeclareAsync(DeclareRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new DeclareIncident.Command(
            request.Title ?? string.Empty, request.Description ?? string.Empty, request.Severity ?? string.Empty, request.StartedAt, request.ExpectedEndAt,
            request.Regions, request.Countries, request.Plans, request.DeviceKinds, request.AppVersions, request.Categories, request.NotifySubscribers ?? false), cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{result.Id}", result);
    }

    private static async Task<Ok<PostIncidentUpdate.Result>> UpdateAsync(Guid id, UpdateRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new PostIncidentUpdate.Command(
            id, request.Body ?? string.Empty, request.Internal ?? false, request.Severity, request.ExpectedEndAt, request.ClearExpectedEnd ?? false), cancellationToken));

    private static async Task<Ok<ResolveIncident.Result>> ResolveAsync(Guid id, ResolveRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResolveIncident.Command(id, request.ResolvedAt, request.Note ?? string.Empty, request.NotifySubscribers ?? false), cancellationToken));

    private static async Task<Ok<LinkIncidentCase.Result>> LinkAsync(Guid id, LinkRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new LinkIncidentCase.Command(id, request.Case ?? string.Empty), cancellationToken));

    private static async Task<NoContent> UnlinkAsync(Guid id, Guid caseId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new UnlinkIncidentCase.Command(id, caseId), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ReplyToLinkedCases.Result>> ReplyAsync(Guid id, ReplyRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ReplyToLinkedCases.Command(id, request.RequestId ?? Guid.Empty, request.Body ?? string.Empty, request.ResolveCases ?? false), cancellationToken));

    private static async Task<Ok<IncidentCreditView>> ProposeCreditAsync(Guid id, CreditRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ProposeIncidentCredit.Command(id, request.Method ?? string.Empty, request.Amounts, request.Percent, request.Note), cancellationToken));

    private static async Task<Ok<IncidentCreditView>> ApproveCreditAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new DecideIncidentCredit.Command(id, Approve: true), cancellationToken));

    private static async Task<Ok<IncidentCreditView>> RejectCreditAsync(Guid id, DecisionRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new DecideIncidentCredit.Command(id, Approve: false, request.Reason), cancellationToken));

    private static async Task<Ok<IReadOnlyList<PublicIncident>>> MineAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetMyIncidents.Query(), cancellationToken));
}
