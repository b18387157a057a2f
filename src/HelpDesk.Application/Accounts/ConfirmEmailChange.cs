using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Accounts;

/// <summary>The link sent to the new address: the account (sign-in name, subscriber email) moves to it; every session ends.</summary>
public static class ConfirmEmailChange
{
    public const string InvalidLink = "This link is not valid: it was already used, it has expired, or it was changed.";

    public sealed record Command(string UserId, string NewEmail, string Token) : ICommand<Unit>, IAllowAnonymous;

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user, EmailNotifier notifier) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = (command.NewEmail ?? string.Empty).Trim().ToLowerInvariant();
            var account = string.IsNullOrEmpty(command.UserId) ? null : await accounts.FindByIdAsync(command.UserId, cancellationToken);
            var subscriber = account is null ? null : await db.Subscribers.SingleOrDefaultAsync(s => s.UserId == account.UserId, cancellationToken);
            if (account is null || subscriber is null || !EmailAddressRules.IsDeliverable(email))
            {
                throw Invalid();
            }

            if (await db.Subscribers.AnyAsync(s => s.Email == email && s.Id != subscriber.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(string.Empty,
                    "This address is already known to us, so the account cannot move to it. Nothing changed; write to support to merge the two.")]);
            }

            var old = subscriber.Email;
            if (!await accounts.ChangeEmailAsync(account.UserId, email, command.Token ?? string.Empty, cancellationToken))
            {
                throw Invalid();
            }

            subscriber.ChangeEmail(email);
            notifier.AddressChanged(old, email);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, new Actor(account.UserId, email, user.IpAddress), "account.email_changed", "subscriber", subscriber.Id.ToString(), null,
                AuditData.Of(("email", old, email))));
            return Unit.Value;
        }

        private static ValidationException Invalid() => new([new FluentValidation.Results.ValidationFailure("Token", InvalidLink)]);
    }
}
