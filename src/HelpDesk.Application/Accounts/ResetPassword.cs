using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Accounts;

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
