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
            RuleFor(c => c.Email).DeliverableAddress("Enter your email address.");
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
