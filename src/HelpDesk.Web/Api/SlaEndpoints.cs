using HelpDesk.Application.Reports;
using HelpDesk.Application.Sla;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

internal static class SlaEndpoints
{
    public static void MapSlaEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sla-policies", ListPoliciesAsync).WithTags("SLA")
            .WithSummary("SLA policies (staff): targets per priority and channel, and the calendar each runs on (hours in the policy's time zone, holidays).")
            .Produces<IReadOnlyList<ListSlaPolicies.PolicyModel>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/reports/sla", ReportAsync).WithTags("Reports")
            .WithSummary("SLA report (supervisors): warnings and breaches per target, follow-ups kept and missed, cases closed automatically in [from, to) — default the last 7 days, at most 92 — and open cases per queue by SLA state now.")
            .Produces<SlaReport.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<IReadOnlyList<ListSlaPolicies.PolicyModel>>> ListPoliciesAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListSlaPolicies.Query(), cancellationToken));

    private static async Task<Ok<SlaReport.Result>> ReportAsync(
        IMediator mediator, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new SlaReport.Query(from, to), cancellationToken));
}
