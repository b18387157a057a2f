using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Accounts;

/// <summary>Change the password while signed in: every session of the account ends (the page signs this browser in again).</summary>
public static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string NewPassword) : ICommand<Unit>, IRequireSignedIn;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.")
                .MaximumLength(128).WithMessage("The password must be 128 characters or fewer.");
        }
    }

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user, EmailNotifier notifier) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcome = await accounts.ChangePasswordAsync(user.UserId!, command.CurrentPassword, command.NewPassword, cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new ValidationException(outcome.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field == "Password" ? "NewPassword" : e.Field, e.Message)));
            }

            var account = await accounts.FindByIdAsync(user.UserId!, cancellationToken);
            notifier.PasswordChanged(account!.Email);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "account.password_changed", "user", user.UserId!));
            return Unit.Value;
        }
    }
}

/// <summary>"Sign out of all sessions": every cookie, bearer and refresh token of the account stops working at once.</summary>
public static class EndAllSessions
{
    public sealed record Command : ICommand<Unit>, IRequireSignedIn;

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await accounts.EndAllSessionsAsync(user.UserId!, "signed out everywhere", cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "account.signed_out_everywhere", "user", user.UserId!));
            return Unit.Value;
        }
    }
}

/// <summary>
/// Move the account to another address: nothing changes until a link sent to the new address is opened
/// (<see cref="ConfirmEmailChange"/>). An address another account or an earlier contact uses is never taken over.
/// </summary>
public static class RequestEmailChange
{
    public const string Answer = "We have emailed a link to the new address. Your address changes when you open it; until then nothing changes.";

    public sealed record Command(string NewEmail, string CurrentPassword) : ICommand<Unit>, IRequireSubscriber;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.NewEmail).NotEmpty().WithMessage("Enter the new email address.")
                .MaximumLength(254).WithMessage("The email address is too long.")
                .Must(e => EmailAddressRules.IsDeliverable(e?.Trim())).WithMessage("Enter a valid email address, like name@example.com.");
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        }
    }

    public sealed class Handler(
        IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user, EmailNotifier notifier, IOptions<AccountOptions> options)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.NewEmail.Trim().ToLowerInvariant();
            var subscriber = await db.Subscribers.AsNoTracking().SingleAsync(s => s.Id == user.SubscriberId, cancellationToken);
            if (email == subscriber.Email)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.NewEmail), "That is already your address.")]);
            }

            if (!await accounts.CheckPasswordAsync(user.UserId!, command.CurrentPassword, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.CurrentPassword), "The current password is not right.")]);
            }

            var now = clock.UtcNow;
            if (await accounts.FindByEmailAsync(email, cancellationToken) is not null || await db.Subscribers.AnyAsync(s => s.Email == email, cancellationToken))
            {
                // The same answer; the address's owner is told, and nothing moves.
                notifier.RegistrationRepeated(email);
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "account.email_change_refused", "user", user.UserId!, null, AuditData.Of(("email", null, email))));
                return Unit.Value;
            }

            var token = await accounts.EmailChangeTokenAsync(user.UserId!, email, cancellationToken);
            notifier.ConfirmNewAddress(email, subscriber.FirstName,
                notifier.Link("/Account/ConfirmEmailChange", ("userId", user.UserId!), ("email", email), ("code", token)), options.Value.ConfirmationLinkLifetime);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "account.email_change_requested", "user", user.UserId!, null, AuditData.Of(("email", subscriber.Email, email))));
            return Unit.Value;
        }
    }
}

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
