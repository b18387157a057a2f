using FluentValidation;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Staff;

/// <summary>
/// An administrator deactivates a member of staff: they cannot sign in, every session (cookies, bearer and refresh tokens)
/// ends at once, their open cases return to their queues (a timeline line and an audit event each), their live chats and
/// claimed callbacks go back to the queue. Nobody can deactivate themselves or the last active administrator.
/// </summary>
public static class DeactivateStaff
{
    public sealed record Command(string UserId, string Reason) : ICommand<StaffMemberModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why this person is deactivated (kept in the audit log).")
                .MaximumLength(ChangeStaffRole.MaxReasonLength).WithMessage($"The reason must be {ChangeStaffRole.MaxReasonLength} characters or fewer.");
    }

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, ICurrentUser user, IClock clock, ChatWork chats, IMediator mediator)
        : ICommandHandler<Command, StaffMemberModel>
    {
        public async ValueTask<StaffMemberModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw StaffErrors.Member(command.UserId);
            if (account.UserId == user.UserId)
            {
                throw new DomainRuleException("staff.self", "You cannot deactivate yourself. Ask another administrator.");
            }

            if (account.DeactivatedAt is not null)
            {
                throw new DomainRuleException("staff.already_deactivated", "This person is already deactivated.");
            }

            if (account.Role == Roles.Admin)
            {
                await accounts.LockAdminRosterAsync(cancellationToken);
                if (await accounts.CountActiveAdminsAsync(cancellationToken) <= 1)
                {
                    throw new DomainRuleException("staff.last_admin", "This is the last active administrator. Make someone else an administrator first.");
                }
            }

            var now = clock.UtcNow;
            var actor = user.AsActor();
            await accounts.SetDeactivatedAsync(account.UserId, now, cancellationToken);
            var handedBack = (Cases: 0, Chats: 0, Callbacks: 0);
            if (await db.Agents.SingleOrDefaultAsync(a => a.UserId == account.UserId, cancellationToken) is { } agent)
            {
                if (agent.IsActive)
                {
                    handedBack = await StaffWork.HandBackAsync(db, chats, agent, "was deactivated", actor, now, cancellationToken);
                }

                agent.Deactivate(now);
            }

            db.AuditEvents.Add(AuditEvent.Record(now, actor, "staff.deactivated", "user", account.UserId, data: AuditData.Of(
                ("status", "active", "deactivated"), ("reason", null, command.Reason.Trim()),
                ("handedBack", null, $"{handedBack.Cases} cases, {handedBack.Chats} chats, {handedBack.Callbacks} callbacks"))));
            await db.SaveChangesAsync(cancellationToken);
            return await mediator.Send(new GetStaffMember.Query(account.UserId), cancellationToken);
        }
    }
}

/// <summary>An administrator lets a deactivated member of staff sign in and work again (their own password works again).</summary>
public static class ReactivateStaff
{
    public sealed record Command(string UserId, string Reason) : ICommand<StaffMemberModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why this person is reactivated (kept in the audit log).")
                .MaximumLength(ChangeStaffRole.MaxReasonLength).WithMessage($"The reason must be {ChangeStaffRole.MaxReasonLength} characters or fewer.");
    }

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, ICurrentUser user, IClock clock, IMediator mediator) : ICommandHandler<Command, StaffMemberModel>
    {
        public async ValueTask<StaffMemberModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var account = await accounts.FindAsync(command.UserId, cancellationToken) ?? throw StaffErrors.Member(command.UserId);
            if (account.DeactivatedAt is null)
            {
                throw new DomainRuleException("staff.already_active", "This person is already active.");
            }

            await accounts.SetDeactivatedAsync(account.UserId, null, cancellationToken);
            if (account.Role != Roles.Admin && await db.Agents.SingleOrDefaultAsync(a => a.UserId == account.UserId, cancellationToken) is { } agent)
            {
                agent.Reactivate();
            }

            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "staff.reactivated", "user", account.UserId, data: AuditData.Of(
                ("status", "deactivated", "active"), ("reason", null, command.Reason.Trim()))));
            await db.SaveChangesAsync(cancellationToken);
            return await mediator.Send(new GetStaffMember.Query(account.UserId), cancellationToken);
        }
    }
}
