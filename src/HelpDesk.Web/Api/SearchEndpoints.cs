using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Search;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class SearchEndpoints
{
    public static void MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync)
            .WithTags("Search")
            .WithSummary("Full-text search of the cases the caller's tier can work (staff): subject, messages and internal notes, best match first, with the matching passage as plain-text parts. Pass nextCursor as cursor for more.")
            .Produces<Page<CaseSearchHit>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<Page<CaseSearchHit>>> SearchAsync(
        IMediator mediator, string? q, string? cursor, int? pageSize, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SearchCases.Query(q, cursor, pageSize ?? SearchCases.DefaultPageSize), cancellationToken));
}
