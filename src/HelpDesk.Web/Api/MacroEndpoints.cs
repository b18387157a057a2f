using HelpDesk.Application.Macros;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class MacroEndpoints
{
    public sealed record MacroRequest(string? Name, string? Body, string? Explanation);

    public static void MapMacroEndpoints(this RouteGroupBuilder api)
    {
        var macros = api.MapGroup("/macros").WithTags("Macros");
        macros.MapGet("/", ListAsync)
            .WithSummary("The saved replies (staff). includeInactive=true also lists retired ones (supervisors).")
            .Produces<IReadOnlyList<MacroView>>();
        macros.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One saved reply (staff).")
            .Produces<MacroView>().ProducesProblem(StatusCodes.Status404NotFound);
        macros.MapPost("/", CreateAsync)
            .WithSummary("Create a saved reply (supervisors). Placeholders: {{subscriber.first_name}}, {{agent.first_name}}, {{case.number}}, {{case.subject}}, {{subscriber.plan}}.")
            .Produces<MacroView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        macros.MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Change a saved reply (supervisors).")
            .Produces<MacroView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        macros.MapDelete("/{id:guid}", DeactivateAsync)
            .WithSummary("Retire a saved reply (supervisors). It stays on record; agents no longer see it.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/cases/{id:guid}/macros/{macroId:guid}/render", RenderAsync)
            .WithTags("Macros")
            .WithSummary("Fill a saved reply in for a case (staff). Returns the text and explanation to send; nothing is sent.")
            .Produces<RenderedMacro>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<MacroView>>> ListAsync(IMediator mediator, bool? includeInactive, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListMacros.Query(includeInactive ?? false), cancellationToken));

    private static async Task<Ok<MacroView>> GetAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetMacro.Query(id), cancellationToken));

    private static async Task<Created<MacroView>> CreateAsync(MacroRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var macro = await mediator.Send(new SaveMacro.Command(null, request.Name ?? string.Empty, request.Body ?? string.Empty, request.Explanation), cancellationToken);
        return TypedResults.Created($"/api/v1/macros/{macro.Id}", macro);
    }

    private static async Task<Ok<MacroView>> UpdateAsync(Guid id, MacroRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SaveMacro.Command(id, request.Name ?? string.Empty, request.Body ?? string.Empty, request.Explanation), cancellationToken));

    private static async Task<NoContent> DeactivateAsync(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeactivateMacro.Command(id), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RenderedMacro>> RenderAsync(Guid id, Guid macroId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RenderMacro.Query(id, macroId), cancellationToken));
}
