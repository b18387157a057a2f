using HelpDesk.Application.Admin;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>/api/v1/admin: how work flows (routing rules, SLA policies, agents' work profiles). Administrators only.</summary>
internal static class AdminEndpoints
{
    public sealed record RoutingRuleRequest(
        string? Name, string? TargetQueue, Channel? Channel, CaseCategory? Category, string? Language,
        CasePriority? MinimumPriority, CasePriority? SetPriority, bool? Enabled);

    public sealed record MoveRequest(MoveRoutingRule.Direction Direction);

    public sealed record PreviewRequest(Channel Channel, CaseCategory Category, string? Language, CasePriority? Priority);

    public sealed record SlaPolicyRequest(
        string? Name, TimeSpan FirstResponse, TimeSpan NextResponse, TimeSpan Resolution, int? WarningPercent, string? TimeZoneId,
        IReadOnlyList<HoursInput>? Hours, IReadOnlyList<DateOnly>? Holidays);

    public sealed record NewSlaPolicyRequest(CasePriority Priority, Channel Channel, string? Name);

    /// <param name="ChatCapacity">Live chats at once, 0–10 (0: takes no chats); left as it is when not sent.</param>
    public sealed record ProfileRequest(IReadOnlyList<CaseCategory>? Skills, IReadOnlyList<string>? Languages, int Capacity, int? ChatCapacity = null);

    public static void MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").WithTags("Administration");

        admin.MapGet("/queues", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListQueueChoices.Query(), ct)))
            .WithSummary("The queues a routing rule can send cases to (administrators).")
            .Produces<IReadOnlyList<QueueChoice>>().ProducesProblem(StatusCodes.Status403Forbidden);

        var rules = admin.MapGroup("/routing-rules");
        rules.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListRoutingRules.Query(), ct)))
            .WithSummary("Routing rules in the order they are tried (administrators). Safety-sensitive categories always go to Tier 3, before any rule.")
            .Produces<IReadOnlyList<RoutingRuleModel>>().ProducesProblem(StatusCodes.Status403Forbidden);
        rules.MapPost("/", CreateRuleAsync)
            .WithSummary("Add a routing rule; it is tried after the existing ones (administrators).")
            .Produces<RoutingRuleModel>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        rules.MapPut("/{id:int}", ChangeRuleAsync)
            .WithSummary("Change what a routing rule matches and where it sends cases; enabled=false switches it off (administrators).")
            .Produces<RoutingRuleModel>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/{id:int}/move", async (int id, MoveRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new MoveRoutingRule.Command(id, request.Direction), ct)))
            .WithSummary("Move a routing rule one place up (tried earlier) or down (administrators). Returns the rules in their new order.")
            .Produces<IReadOnlyList<RoutingRuleModel>>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        rules.MapDelete("/{id:int}", async (int id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new DeleteRoutingRule.Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a routing rule; cases already placed stay where they are (administrators).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rules.MapPost("/preview", async (PreviewRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new PreviewRouting.Query(request.Channel, request.Category, request.Language ?? "en", request.Priority ?? CasePriority.Normal), ct)))
            .WithSummary("Try the rules: the queue, tier, priority and deciding rule a new case with these facts would get (administrators).")
            .Produces<RoutingPreview>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        var sla = admin.MapGroup("/sla-policies");
        sla.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListSlaPoliciesForAdmin.Query(), ct)))
            .WithSummary("SLA policies with targets and calendars (administrators).")
            .Produces<IReadOnlyList<ListSlaPolicies.PolicyModel>>().ProducesProblem(StatusCodes.Status403Forbidden);
        sla.MapPut("/{id:guid}", ChangePolicyAsync)
            .WithSummary("Change an SLA policy's targets (\"hh:mm:ss\" or \"d.hh:mm:ss\"), warning point, IANA time zone, weekly hours (empty: 24/7) and holidays. Open cases pick it up when they next change, or on recompute (administrators).")
            .Produces<ListSlaPolicies.PolicyModel>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sla.MapPost("/", async (NewSlaPolicyRequest request, IMediator m, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateSlaPolicy.Command(request.Priority, request.Channel, request.Name), ct);
                return TypedResults.Created($"/api/v1/admin/sla-policies/{created.Id}", created);
            })
            .WithSummary("Add a channel-specific policy for a priority, copied from the priority's general policy (administrators).")
            .Produces<ListSlaPolicies.PolicyModel>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        sla.MapDelete("/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new DeleteSlaPolicy.Command(id), ct)))
            .WithSummary("Delete a channel-specific policy; its open cases move to the general policy at once (administrators). General policies cannot be deleted.")
            .Produces<RecomputeResult>().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        sla.MapPost("/{id:guid}/recompute", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new RecomputeSlaPolicy.Command(id), ct)))
            .WithSummary("Apply the policy's current targets to its open cases now; returns how many were updated (administrators).")
            .Produces<RecomputeResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        var agents = admin.MapGroup("/agents");
        agents.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListAgentProfiles.Query(), ct)))
            .WithSummary("Staff with tier, skills, languages, case and chat capacity and current active load and chats (administrators).")
            .Produces<IReadOnlyList<AgentProfileModel>>().ProducesProblem(StatusCodes.Status403Forbidden);
        agents.MapGet("/{id:guid}/profile", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok((await m.Send(new ListAgentProfiles.Query(id), ct))[0]))
            .WithSummary("One agent's work profile and active load (administrators).")
            .Produces<AgentProfileModel>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPut("/{id:guid}/profile", async (Guid id, ProfileRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeAgentProfile.Command(id, request.Skills ?? [], request.Languages ?? [], request.Capacity, request.ChatCapacity), ct)))
            .WithSummary("Change the categories (skills) and languages an agent takes from queues (empty: all) their case capacity, 1–50, and their chat capacity (`chatCapacity`, 0–10, 0: takes no chats; omitted: unchanged) (administrators). The tier is not changed here.")
            .Produces<AgentProfileModel>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static SaveRoutingRule.Command ToCommand(int? id, RoutingRuleRequest r) =>
        new(id, r.Name ?? string.Empty, r.TargetQueue ?? string.Empty, r.Channel, r.Category, r.Language, r.MinimumPriority, r.SetPriority);

    private static async Task<Created<RoutingRuleModel>> CreateRuleAsync(RoutingRuleRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var rule = await mediator.Send(ToCommand(null, request), cancellationToken);
        if (request.Enabled == false)
        {
            rule = await mediator.Send(new SetRoutingRuleEnabled.Command(rule.Id, false), cancellationToken);
        }

        return TypedResults.Created($"/api/v1/admin/routing-rules/{rule.Id}", rule);
    }

    private static async Task<Ok<RoutingRuleModel>> ChangeRuleAsync(int id, RoutingRuleRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var rule = await mediator.Send(ToCommand(id, request), cancellationToken);
        if (request.Enabled is { } enabled && enabled != rule.Enabled)
        {
            rule = await mediator.Send(new SetRoutingRuleEnabled.Command(id, enabled), cancellationToken);
        }

        return TypedResults.Ok(rule);
    }

    private static async Task<Ok<ListSlaPolicies.PolicyModel>> ChangePolicyAsync(Guid id, SlaPolicyRequest r, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(
            new ChangeSlaPolicy.Command(
                id, r.Name ?? string.Empty, r.FirstResponse, r.NextResponse, r.Resolution, r.WarningPercent ?? 0, r.TimeZoneId ?? string.Empty,
                r.Hours ?? [], r.Holidays ?? []),
            cancellationToken));
}
