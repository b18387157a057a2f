using System.Security.Cryptography;
using System.Text;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Api;

internal static class CaseEndpoints
{
    public sealed record OpenCaseRequest(string? Subject, string? Category, string? Description);

    public sealed record AddMessageRequest(string? Body, bool Internal = false, string? Explanation = null);

    public sealed record CategoryResponse(string Name, string Label, bool Sensitive);

    public static void MapCaseEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapPost("/", OpenAsync)
            .WithSummary("Open a case (subscribers). Send an Idempotency-Key header to make retries safe.")
            .Produces<OpenCase.Result>(StatusCodes.Status201Created).ProducesValidationProblem();
        cases.MapGet("/", ListAsync)
            .WithSummary("List cases, newest first: subscribers see their own; staff filter by status, queue, tier, priority, assignee (me, unassigned or an agent id), sla (ok, warning, breached, paused) and text (words in the subject or messages). Pass nextCursor as cursor for the next page.")
            .ProducesValidationProblem();
        cases.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One case with its timeline, SLA and follow-up promises. Staff also get the subscriber context; subscribers get public entries only.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{id:guid}/messages", AddMessageAsync)
            .WithSummary("Add a reply (staff may add an explanation, shown to the subscriber as \"why we ask this\"), or an internal note (staff only, internal=true). Idempotency-Key makes retries safe.")
            .Produces<TimelineEntry>(StatusCodes.Status201Created).ProducesValidationProblem();
        cases.MapPost("/{id:guid}/resolve", ResolveAsync)
            .WithSummary("Mark a case resolved (staff).");

        api.MapGet("/queues", ListQueuesAsync).WithTags("Queues")
            .WithSummary("Queues the caller's tier can work (empty ones too): open and unassigned counts, oldest waiting case, cases at risk (SLA warning or breach, or overdue follow-up) and breached.");
        api.MapGet("/categories", Categories).WithTags("Cases").WithSummary("The categories a case can have.");
    }

    private static async Task<IResult> OpenAsync(
        OpenCaseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!TryRequestId(idempotencyKey, out var requestId, out var problem))
        {
            return problem!;
        }

        var result = await mediator.Send(
            new OpenCase.Command(request.Subject ?? string.Empty, request.Category ?? string.Empty, request.Description ?? string.Empty, requestId),
            cancellationToken);
        return result.Replayed
            ? TypedResults.Ok(result)
            : TypedResults.Created($"/api/v1/cases/{result.Id}", result);
    }

    private static async Task<Ok<Page<CaseSummary>>> ListAsync(
        IMediator mediator, string? status, string? queue, string? tier, string? cursor, int? pageSize,
        string? priority, string? assignee, string? sla, string? text, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(
            new ListCases.Query(status, queue, tier, cursor, pageSize ?? ListCases.DefaultPageSize, priority, assignee, sla, text), cancellationToken));

    private static async Task<Ok<CaseDetails>> GetAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCase.Query(id), cancellationToken));

    private static async Task<IResult> AddMessageAsync(
        Guid id, AddMessageRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!TryRequestId(idempotencyKey, out var requestId, out var problem))
        {
            return problem!;
        }

        var entry = await mediator.Send(new AddMessage.Command(id, request.Body ?? string.Empty, request.Internal, requestId, request.Explanation), cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{id}", entry);
    }

    private static async Task<Ok<ResolveCase.Result>> ResolveAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResolveCase.Command(id), cancellationToken));

    private static async Task<Ok<IReadOnlyList<ListQueues.QueueSummary>>> ListQueuesAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListQueues.Query(), cancellationToken));

    private static Ok<List<CategoryResponse>> Categories() =>
        TypedResults.Ok(Enum.GetValues<CaseCategory>()
            .Select(c => new CategoryResponse(c.ToString(), CaseCategories.Label(c), CaseCategories.IsSensitive(c))).ToList());

    /// <summary>
    /// An Idempotency-Key may be any string up to 200 characters; it is folded into a stable UUID so the
    /// same key always names the same request.
    /// </summary>
    internal static bool TryRequestId(string? key, out Guid? requestId, out IResult? problem)
    {
        requestId = null;
        problem = null;
        if (string.IsNullOrEmpty(key))
        {
            return true;
        }

        if (key.Length > 200)
        {
            problem = TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The Idempotency-Key header must be 200 characters or fewer."] });
            return false;
        }

        requestId = Guid.TryParse(key, out var parsed) ? parsed : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
        return true;
    }
}
