using FluentValidation;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Staff;

/// <summary>What an invitation link offers, for the page where the invitee sets a password. Any bad link is "not found".</summary>
public static class GetStaffInvitation
{
    public sealed record Query(string Token) : IQuery<StaffInvitationView>, IAllowAnonymous;

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, StaffInvitationView>
    {
        public async ValueTask<StaffInvitationView> Handle(Query query, CancellationToken cancellationToken)
        {
            var invitation = await AcceptStaffInvitation.FindPendingAsync(db, query.Token, clock.UtcNow, cancellationToken) ?? throw StaffErrors.Invitation();
            return new StaffInvitationView(invitation.Email, invitation.FirstName, invitation.Role, invitation.Tier);
        }
    }
}

/// <summary>
/// The invitee chooses a password: the account is created (address confirmed by the link) with the invited role, agents and
/// supervisors get a work profile at the invited tier, and the link is used up. The person then signs in.
/// </summary>
public static class AcceptStaffInvitation
{
    public sealed record Command(string Token, string Password, string? TimeZone) : ICommand<string>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage("This invitation link is not valid.").MaximumLength(200).WithMessage("This invitation link is not valid.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
                .MaximumLength(128).WithMessage("The password must be 128 characters or fewer.");
            RuleFor(c => c.TimeZone).Must(z => string.IsNullOrWhiteSpace(z) || ZonedTime.Find(z) is not null)
                .WithMessage("Unknown time zone; use an IANA name like Europe/Madrid.");
        }
    }

    internal static async Task<StaffInvitation?> FindPendingAsync(IHelpDeskDb db, string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            return null;
        }

        var hash = StaffInvitation.HashToken(token.Trim());
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation?.StatusAt(now) == StaffInvitationStatus.Pending ? invitation : null;
    }

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, ICurrentUser user, IClock clock, IOptions<ChatOptions> chat)
        : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var invitation = await FindPendingAsync(db, command.Token, now, cancellationToken) ?? throw StaffErrors.Invitation();
            var (userId, errors) = await accounts.CreateAsync(invitation.Email, command.Password, invitation.Role, cancellationToken);
            if (userId is null)
            {
                throw new ValidationException(errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Command.Password), e)));
            }

            invitation.Accept(userId, now);
            if (invitation.Role != Roles.Admin)
            {
                db.Agents.Add(Agent.Create(userId, invitation.Email, invitation.FirstName, invitation.LastName, invitation.Tier ?? AgentTier.Tier1,
                    string.IsNullOrWhiteSpace(command.TimeZone) ? "UTC" : command.TimeZone.Trim(), chatCapacity: chat.Value.DefaultAgentChatCapacity));
            }

            db.AuditEvents.Add(AuditEvent.Record(now, new Actor(userId, invitation.Email, user.IpAddress), "staff.invitation_accepted", "staff_invitation",
                invitation.Id.ToString(), data: AuditData.Of(("role", null, invitation.Role), ("tier", null, invitation.Tier?.ToString()))));
            return userId;
        }
    }
}
