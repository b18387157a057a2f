using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Staff;

/// <summary>
/// An administrator invites a new member of staff by email, with a role and tier. The invitee gets a single-use link
/// (through the outbox) that expires after 7 days; a new invitation to the same address withdraws the earlier one.
/// </summary>
public static class InviteStaff
{
    public sealed record Command(string Email, string FirstName, string? LastName, string Role, AgentTier? Tier) : ICommand<StaffInvitationResult>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).DeliverableAddress("Enter the email address to invite.", trimmed: false);
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter the person's first name.")
                .MaximumLength(StaffInvitation.MaxNameLength).WithMessage($"The first name must be {StaffInvitation.MaxNameLength} characters or fewer.");
            RuleFor(c => c.LastName).MaximumLength(StaffInvitation.MaxNameLength).WithMessage($"The last name must be {StaffInvitation.MaxNameLength} characters or fewer.");
            RuleFor(c => c.Role).Must(StaffRoles.IsStaffRole).WithMessage("Choose a role: agent, supervisor or administrator.");
            RuleFor(c => c.Tier).Must((c, tier) => StaffRoles.TierError(c.Role, tier) is null)
                .When(c => StaffRoles.IsStaffRole(c.Role))
                .WithMessage(c => StaffRoles.TierError(c.Role, c.Tier)!);
        }
    }

    public sealed class Handler(IHelpDeskDb db, IIdentityService identity, ICurrentUser user, IClock clock, EmailNotifier notifier)
        : ICommandHandler<Command, StaffInvitationResult>
    {
        public async ValueTask<StaffInvitationResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim().ToLowerInvariant();
            var now = clock.UtcNow;
            if (await identity.EmailInUseAsync(email, cancellationToken) || await db.Subscribers.AnyAsync(s => s.Email == email, cancellationToken))
            {
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Email),
                    "Someone already has an account with this address; staff need an address of their own.")]);
            }

            var earlier = await db.StaffInvitations
                .Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
                .ToListAsync(cancellationToken);
            foreach (var old in earlier)
            {
                old.Revoke(now);
            }

            var tier = StaffRoles.TierFor(command.Role, command.Tier);
            var invitation = StaffInvitation.Create(email, command.FirstName, command.LastName ?? string.Empty, command.Role, tier, user.UserId, user.Name, now, out var token);
            db.StaffInvitations.Add(invitation);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "staff.invited", "staff_invitation", invitation.Id.ToString(), data: AuditData.Of(
                ("email", null, email), ("role", null, command.Role), ("tier", null, tier?.ToString()), ("replaces", null, earlier.Count > 0 ? string.Join(",", earlier.Select(e => e.Id)) : null))));
            notifier.StaffInvited(email, invitation.FirstName, RoleText(command.Role, tier), user.Name, token, invitation.ExpiresAt);
            return new StaffInvitationResult(invitation.Id, email, invitation.ExpiresAt, notifier.StaffInvitationUrl(token));
        }

        private static string RoleText(string role, AgentTier? tier) => role switch
        {
            Roles.Admin => "an administrator",
            Roles.Supervisor => "a supervisor",
            _ => tier switch
            {
                AgentTier.Tier2 => "a Tier 2 agent",
                AgentTier.Tier3 => "a Tier 3 agent",
                _ => "a Tier 1 agent",
            },
        };
    }
}

/// <summary>An administrator withdraws a pending invitation: its link stops working at once.</summary>
public static class RevokeStaffInvitation
{
    public sealed record Command(Guid InvitationId) : ICommand<Unit>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken)
                ?? throw new NotFoundException($"Invitation {command.InvitationId} was not found.");
            var now = clock.UtcNow;
            invitation.Revoke(now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "staff.invitation_revoked", "staff_invitation", invitation.Id.ToString(),
                data: AuditData.Of(("email", null, invitation.Email))));
            return Unit.Value;
        }
    }
}
