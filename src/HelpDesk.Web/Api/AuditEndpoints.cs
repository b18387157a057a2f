using HelpDesk.Application.Audit;
using HelpDesk.Application.Common.Models;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", SearchAsync)
            .WithTags("Audit")
            .WithSummary("Search the audit log, newest first (supervisors). Filters: caseNumber (HD-000123), actor (part of name or email), " +
                "action (prefix, e.g. case.), from (inclusive) and to (exclusive) as ISO 8601 times. Pass nextCursor as cursor for the next page.")
            .Produces<Page<AuditEntry>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/cases/{id:guid}/audit", CaseHistoryAsync)
            .WithTags("Audit")
            .WithSummary("The history of one case, oldest first (staff; subscribers are refused).")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<Page<AuditEntry>>> SearchAsync(
        IMediator mediator, string? caseNumber, string? actor, string? action, DateTimeOffset? from, DateTimeOffset? to, string? cursor, int? pageSize,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(
            new SearchAudit.Query(caseNumber, actor, action, from, to, cursor, pageSize ?? SearchAudit.DefaultPageSize), cancellationToken));

    private static async Task<Ok<IReadOnlyList<AuditEntry>>> CaseHistoryAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetCaseAudit.Query(id), cancellationToken));
}
