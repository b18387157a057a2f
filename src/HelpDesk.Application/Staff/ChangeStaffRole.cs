using FluentValidation;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Staff;

/// <summary>
/// An administrator changes a person's role or tier, with a reason (audited). The person's sessions end so the new
/// rights apply at once. Work above a lowered tier goes back to its queues; a person who becomes an administrator hands
/// back all their work. The last active administrator cannot be demoted.
/// </summary>
public static class ChangeStaffRole
{
    public const int MaxReasonLength = 500;

    public sealed record Command(string UserId, string Role, AgentTier? Tier, string Reason) : ICommand<StaffMemberModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Role).Must(StaffRoles.IsStaffRole).WithMessage("Choose a role: agent, supervisor or administrator.");
            RuleFor(c => c.Tier).Must((c, tier) => StaffRoles.TierError(c.Role, tier) is null)
                .When(c => StaffRoles.IsStaffRole(c.Role))
                .WithMessage(c => StaffRoles.TierError(c.Role, c.Tier)!);
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the role or tier changes (kept in the audit log).")
                .MaximumLength(MaxReasonLength).WithMessage($"The reason must be {MaxReasonLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, ICurrentUser user, IClock clock, ChatWork chats, IOptions<ChatOptions> chatOptions, IMediator mediator)
        : ICommandHandler<Command, StaffMemberModel>
    {
        public async ValueTask<StaffMemberModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw StaffErrors.Member(command.UserId);
            if (account.DeactivatedAt is not null)
            {
                throw new DomainRuleException("staff.deactivated", "Reactivate this person before changing their role or tier.");
            }

            var now = clock.UtcNow;
            var reason = command.Reason.Trim();
            var tier = StaffRoles.TierFor(command.Role, command.Tier);
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.UserId == account.UserId, cancellationToken);
            var tierBefore = account.Role == Roles.Admin ? null : agent?.Tier;
            if (account.Role == command.Role && tierBefore == tier)
            {
                throw new DomainRuleException("staff.nothing_changed", "That is already their role and tier.");
            }

            if (account.Role == Roles.Admin && command.Role != Roles.Admin)
            {
                await accounts.LockAdminRosterAsync(cancellationToken);
                if (await accounts.CountActiveAdminsAsync(cancellationToken) <= 1)
                {
                    throw new DomainRuleException("staff.last_admin", "This is the last active administrator. Make someone else an administrator first.");
                }
            }

            var actor = user.AsActor();
            // Also for a tier change alone: the new stamp ends their sessions, so claims carrying the old tier stop working.
            await accounts.SetRoleAsync(account.UserId, command.Role, cancellationToken);

            if (command.Role == Roles.Admin)
            {
                if (agent is { IsActive: true })
                {
                    await StaffWork.HandBackAsync(db, chats, agent, "became an administrator and no longer works cases", actor, now, cancellationToken);
                    agent.Deactivate(now);
                }
            }
            else if (agent is null)
            {
                var name = await db.StaffInvitations.Where(i => i.UserId == account.UserId).OrderByDescending(i => i.AcceptedAt)
                    .Select(i => new { i.FirstName, i.LastName }).FirstOrDefaultAsync(cancellationToken);
                db.Agents.Add(Agent.Create(account.UserId, account.Email, name?.FirstName ?? account.Email.Split('@')[0], name?.LastName ?? string.Empty,
                    tier!.Value, chatCapacity: chatOptions.Value.DefaultAgentChatCapacity));
            }
            else
            {
                if (agent.IsActive && tierBefore is { } before && tier < before)
                {
                    await StaffWork.HandBackAsync(db, chats, agent, $"moved to {tier}", actor, now, cancellationToken, keepUpTo: tier);
                }

                agent.ChangeTier(tier!.Value);
                agent.Reactivate();
            }

            db.AuditEvents.Add(AuditEvent.Record(now, actor, "staff.role_changed", "user", account.UserId, data: AuditData.Of(
                ("role", account.Role, command.Role), ("tier", tierBefore?.ToString() ?? "-", tier?.ToString() ?? "-"), ("reason", null, reason))));
            await db.SaveChangesAsync(cancellationToken);
            return await mediator.Send(new GetStaffMember.Query(account.UserId), cancellationToken);
        }
    }
}
