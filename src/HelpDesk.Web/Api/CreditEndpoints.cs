using HelpDesk.Application.Credits;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Api;

internal static class CreditEndpoints
{
    public sealed record IssueCreditRequest(decimal Amount, string? Currency, string? ReasonCode, string? Note);

    public sealed record DecisionRequest(string? Comment);

    public sealed record ReverseCreditRequest(string? Reason);

    public static void MapCreditEndpoints(this RouteGroupBuilder api)
    {
        var credits = api.MapGroup(string.Empty).WithTags("Credits");
        credits.MapPost("/cases/{id:guid}/credits", IssueAsync)
            .WithSummary("Credit the case's subscriber (staff). Within the caller's authority it is issued at once (201); above it, it waits for a supervisor (202). Send an Idempotency-Key header: a replay returns the first result.")
            .Produces<CreditRequestView>(StatusCodes.Status201Created).Produces<CreditRequestView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        credits.MapGet("/cases/{id:guid}/credits", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetCaseCredits.Query(id), ct)))
            .WithSummary("Credits on one case, newest first: staff see every request and decision; the case's subscriber sees only what was credited.")
            .Produces<GetCaseCredits.Result>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        credits.MapGet("/me/credits", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetMyCredits.Query(), ct)))
            .WithSummary("The signed-in subscriber's own credits, newest first, with the balance per currency (subscribers).")
            .Produces<GetMyCredits.Result>().ProducesProblem(StatusCodes.Status403Forbidden);
        var policy = api.MapGroup("/admin/credit-policy").WithTags("Credits", "Administration");
        policy.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetCreditPolicy.Query(), ct)))
            .WithSummary("The credit authority policy in force (administrators).")
            .Produces<CreditPolicyView>().ProducesProblem(StatusCodes.Status403Forbidden);
        policy.MapPut("/", async (ChangeCreditPolicy.Command command, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(command, ct)))
            .WithSummary("Change the credit authority policy: creates a new version in force at once. Send expectedVersion to refuse the save if someone else changed it first (administrators).")
            .Produces<CreditPolicyView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        policy.MapGet("/versions", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListCreditPolicyVersions.Query(), ct)))
            .WithSummary("Every version of the credit authority policy, newest first (administrators).")
            .Produces<IReadOnlyList<CreditPolicyView>>().ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/reports/supervisor", async (DateTimeOffset? since, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new HelpDesk.Application.Reports.SupervisorDashboard.Query(since), ct)))
            .WithTags("Reports")
            .WithSummary("The supervisor dashboard (supervisors): open cases by tier and SLA state, pending approvals (credit and escalation requests, kind and age), credits issued since Monday (or since=) by reason and by agent.")
            .Produces<HelpDesk.Application.Reports.SupervisorDashboard.Result>().ProducesProblem(StatusCodes.Status403Forbidden);
        credits.MapGet("/credit-requests", PendingAsync)
            .WithSummary("The credit approvals inbox (supervisors): pending requests, oldest first, with the case and the limit that triggered each.")
            .Produces<IReadOnlyList<ListPendingCreditRequests.PendingCredit>>();
        credits.MapPost("/credit-requests/{id:guid}/approve", ApproveAsync)
            .WithSummary("Approve a pending credit (supervisors; never your own request; only within your own limits).")
            .Produces<CreditRequestView>().ProducesProblem(StatusCodes.Status409Conflict);
        credits.MapPost("/credit-requests/{id:guid}/reject", RejectAsync)
            .WithSummary("Reject a pending credit with a comment (supervisors).")
            .Produces<CreditRequestView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        credits.MapPost("/credits/{id:guid}/reverse", ReverseAsync)
            .WithSummary("Reverse an issued credit with a reason (Tier 2 and above): a new negative ledger entry; each credit once.")
            .Produces<LedgerLine>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        credits.MapGet("/subscribers/{id:guid}/credits", LedgerAsync)
            .WithSummary("A subscriber's credit ledger with the running balance per currency (staff; only credits on cases their tier may open; subscribers use /me/credits).")
            .Produces<IReadOnlyList<LedgerLine>>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> IssueAsync(
        Guid id, IssueCreditRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, CancellationToken cancellationToken)
    {
        if (!CaseEndpoints.TryRequestId(idempotencyKey, out var requestId, out var problem))
        {
            return problem!;
        }

        var result = await mediator.Send(
            new IssueCredit.Command(id, request.Amount, request.Currency ?? string.Empty, request.ReasonCode ?? string.Empty, request.Note, requestId),
            cancellationToken);
        return result.Status == CreditRequestStatus.PendingApproval
            ? TypedResults.Accepted($"/api/v1/subscribers/{result.SubscriberId}/credits", result)
            : TypedResults.Created($"/api/v1/subscribers/{result.SubscriberId}/credits", result);
    }

    private static async Task<Ok<IReadOnlyList<ListPendingCreditRequests.PendingCredit>>> PendingAsync(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListPendingCreditRequests.Query(), cancellationToken));

    private static async Task<Ok<CreditRequestView>> ApproveAsync(Guid id, DecisionRequest? request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ApproveCreditRequest.Command(id, request?.Comment), cancellationToken));

    private static async Task<Ok<CreditRequestView>> RejectAsync(Guid id, DecisionRequest request, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RejectCreditRequest.Command(id, request.Comment ?? string.Empty), cancellationToken));

    private static async Task<Created<LedgerLine>> ReverseAsync(Guid id, ReverseCreditRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var line = await mediator.Send(new ReverseCredit.Command(id, request.Reason ?? string.Empty), cancellationToken);
        return TypedResults.Created($"/api/v1/credits/{line.Id}", line);
    }

    private static async Task<Ok<IReadOnlyList<LedgerLine>>> LedgerAsync(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetLedger.Query(id), cancellationToken));
}
