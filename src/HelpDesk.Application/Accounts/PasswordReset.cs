using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Accounts;

/// <summary>
/// "Forgot password?": a single-use, expiring link by email (Identity's password-reset token provider). Every caller gets
/// the same answer whether or not an account uses the address, after about the same work (ADR 0113).
/// </summary>
public static class RequestPasswordReset
{
    /// <summary>What every caller is told.</summary>
    public const string Answer = "If an account uses this address, we have emailed it a link to choose a new password. Check your email.";

    public sealed record Command(string Email) : ICommand<Unit>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
                .MaximumLength(254).WithMessage("The email address is too long.")
                .Must(e => Common.EmailAddressRules.IsDeliverable(e?.Trim())).WithMessage("Enter a valid email address, like name@example.com.");
    }

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user, EmailNotifier notifier, IOptions<AccountOptions> options)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim().ToLowerInvariant();
            var found = await accounts.PasswordResetTokenAsync(email, cancellationToken);
            if (found is { } f)
            {
                notifier.PasswordReset(f.Account.Email, notifier.Link("/Account/ResetPassword", ("userId", f.Account.UserId), ("code", f.Token)),
                    options.Value.PasswordResetLinkLifetime);
            }

            // Audited either way (an unknown address too: someone is probing), so both answers do the same writes but the mail.
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, new Actor(null, email, user.IpAddress), "account.password_reset_requested", "user",
                found?.Account.UserId ?? email, null, AuditData.Of(("account", null, found is null ? "none" : "found"))));
            return Unit.Value;
        }
    }
}

/// <summary>The reset link's page: a new password. A used, expired or altered link is refused (the stamp changed on use).</summary>
public static class ResetPassword
{
    public const string InvalidLink = "This link is not valid: it was already used, it has expired, or it was changed. Ask for a new one.";

    public sealed record Command(string UserId, string Token, string NewPassword) : ICommand<Unit>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage(InvalidLink);
            RuleFor(c => c.UserId).NotEmpty().WithMessage(InvalidLink).MaximumLength(450).WithMessage(InvalidLink);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.")
                .MaximumLength(128).WithMessage("The password must be 128 characters or fewer.");
        }
    }

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user, EmailNotifier notifier)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var outcome = await accounts.ResetPasswordAsync(command.UserId, command.Token, command.NewPassword, cancellationToken);
            if (outcome.InvalidLink)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("Token", InvalidLink)]);
            }

            if (!outcome.Succeeded)
            {
                throw new ValidationException(outcome.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field == "Password" ? "NewPassword" : e.Field, e.Message)));
            }

            var account = await accounts.FindByIdAsync(command.UserId, cancellationToken);
            notifier.PasswordChanged(account!.Email);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, new Actor(account.UserId, account.Email, user.IpAddress), "account.password_reset", "user", account.UserId));
            return Unit.Value;
        }
    }
}

/// <summary>"Resend confirmation": a fresh link for an unconfirmed account; the same answer for any address.</summary>
public static class ResendConfirmation
{
    public const string Answer = "If an account with this address is waiting for confirmation, we have emailed it a new link. Check your email.";

    public sealed record Command(string Email) : ICommand<Unit>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
                .MaximumLength(254).WithMessage("The email address is too long.")
                .Must(e => Common.EmailAddressRules.IsDeliverable(e?.Trim())).WithMessage("Enter a valid email address, like name@example.com.");
    }

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, EmailNotifier notifier, IOptions<AccountOptions> options)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await accounts.FindByEmailAsync(command.Email.Trim(), cancellationToken) is { EmailConfirmed: false } account
                && await db.PendingRegistrations.FindAsync([account.UserId], cancellationToken) is { } pending)
            {
                var token = await accounts.EmailConfirmationTokenAsync(account.UserId, cancellationToken);
                notifier.ConfirmAddress(account.Email, pending.FirstName, notifier.Link("/Account/ConfirmEmail", ("userId", account.UserId), ("code", token)),
                    options.Value.ConfirmationLinkLifetime);
            }

            return Unit.Value;
        }
    }
}
