using HelpDesk.Application.Staff;
using HelpDesk.Domain.Agents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HelpDesk.Web.Api;

/// <summary>/api/v1/admin/staff: invite, list, change role or tier, deactivate and reactivate staff. Administrators only.</summary>
internal static class StaffEndpoints
{
    public sealed record InviteRequest(string? Email, string? FirstName, string? LastName, string? Role, AgentTier? Tier);

    public sealed record RoleRequest(string? Role, AgentTier? Tier, string? Reason);

    public sealed record ReasonRequest(string? Reason);

    public static void MapStaffEndpoints(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/admin/staff").WithTags("Administration");

        staff.MapGet("/", async (IMediator m, CancellationToken ct, int? page, int? pageSize) =>
                TypedResults.Ok(await m.Send(new ListStaff.Query(page ?? 1, pageSize ?? 25), ct)))
            .WithSummary("Staff with role, tier, status (Active, Invited, Deactivated) and last sign-in, a page at a time; pending invitations first (administrators).")
            .Produces<StaffPage>().ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapGet("/{userId}", async (string userId, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new GetStaffMember.Query(userId), ct)))
            .WithSummary("One member of staff (administrators).")
            .Produces<StaffMemberModel>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("/invitations", InviteAsync)
            .WithSummary("Invite a new member of staff by email with a role (Agent, Supervisor, Admin) and, for agents, a tier. The single-use link expires in 7 days; it is emailed and returned once here (administrators).")
            .Produces<StaffInvitationResult>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        staff.MapDelete("/invitations/{id:guid}", async (Guid id, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RevokeStaffInvitation.Command(id), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Withdraw a pending invitation; its link stops working (administrators).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/{userId}/role", async (string userId, RoleRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ChangeStaffRole.Command(userId, request.Role ?? string.Empty, request.Tier, request.Reason ?? string.Empty), ct)))
            .WithSummary("Change a person's role or tier, with a reason (audited). Their sessions end so the new rights apply at once; work above a lowered tier returns to its queues. The last active administrator cannot be demoted (administrators).")
            .Produces<StaffMemberModel>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{userId}/deactivate", async (string userId, ReasonRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new DeactivateStaff.Command(userId, request.Reason ?? string.Empty), ct)))
            .WithSummary("Deactivate a member of staff: no sign-in, every session and token ends, open cases return to their queues, chats and callbacks are handed back. Not yourself, not the last active administrator (administrators).")
            .Produces<StaffMemberModel>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPost("/{userId}/reactivate", async (string userId, ReasonRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ReactivateStaff.Command(userId, request.Reason ?? string.Empty), ct)))
            .WithSummary("Let a deactivated member of staff sign in and work again (administrators).")
            .Produces<StaffMemberModel>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<StaffInvitationResult>> InviteAsync(InviteRequest request, IMediator mediator, CancellationToken cancellationToken)
    {
        var invitation = await mediator.Send(new InviteStaff.Command(
            request.Email ?? string.Empty, request.FirstName ?? string.Empty, request.LastName, request.Role ?? string.Empty, request.Tier), cancellationToken);
        return TypedResults.Created($"/api/v1/admin/staff/invitations/{invitation.InvitationId}", invitation);
    }
}
