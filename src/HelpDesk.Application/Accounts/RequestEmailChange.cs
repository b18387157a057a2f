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
            RuleFor(c => c.NewEmail).DeliverableAddress("Enter the new email address.");
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
