using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using Mediator;

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
