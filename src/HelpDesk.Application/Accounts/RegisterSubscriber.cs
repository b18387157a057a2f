using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Accounts;

/// <summary>
/// A subscriber creates their own portal account. Registering an address we already know (a subscriber, an email
/// contact or a staff account) answers exactly like a new one and takes as long (the password is checked and hashed
/// either way); the address's owner gets an email saying someone tried. So the form cannot tell anyone who has an account.
/// </summary>
public static class RegisterSubscriber
{
    /// <summary>What every caller is told, known address or not.</summary>
    public const string CheckYourEmail = "Check your email to continue.";

    public sealed record Command(
        string Email, string Password, string FirstName, string LastName, string Country = "US", string Language = "en", string TimeZone = "UTC")
        : ICommand<Result>, IAllowAnonymous;

    /// <param name="Created">Whether an account was created. Never shown to the caller: the web answer is the same either way.</param>
    public sealed record Result(bool Created, string? UserId, Guid? SubscriberId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
                .MaximumLength(254).WithMessage("The email address is too long.")
                .Must(EmailAddressRules.IsDeliverable).WithMessage("Enter a valid email address, like name@example.com.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
                .MaximumLength(128).WithMessage("The password must be 128 characters or fewer.");
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter your first name.")
                .MaximumLength(100).WithMessage("The first name must be 100 characters or fewer.");
            RuleFor(c => c.LastName).MaximumLength(100).WithMessage("The last name must be 100 characters or fewer.");
            RuleFor(c => c.Country).Matches("^[A-Za-z]{2}$").WithMessage("Use a two-letter country code, like US or ES.");
            RuleFor(c => c.Language).Matches("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$").WithMessage("Use a language code, like en or es.");
            RuleFor(c => c.TimeZone).Must(BeATimeZone).WithMessage("Unknown time zone; use an IANA name like Europe/Madrid.");
        }

        private static bool BeATimeZone(string? id) =>
            !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
    }

    public sealed class Handler(IHelpDeskDb db, IIdentityService identity, IClock clock, ICurrentUser user, EmailNotifier notifier)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim().ToLowerInvariant();
            var now = clock.UtcNow;
            if (await db.Subscribers.AnyAsync(s => s.Email == email, cancellationToken) || await identity.EmailInUseAsync(email, cancellationToken))
            {
                // The same password rules and hashing as a new account, then the same answer; the owner is told by email.
                var weak = await identity.CheckNewPasswordAsync(email, command.Password, cancellationToken);
                if (weak.Count > 0)
                {
                    throw new ValidationException(weak.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
                }

                notifier.RegistrationRepeated(email);
                db.AuditEvents.Add(AuditEvent.Record(now, new Actor(null, email, user.IpAddress), "subscriber.registration_repeated", "subscriber", email));
                return new Result(false, null, null);
            }

            var created = await identity.CreateUserAsync(email, command.Password, Roles.Subscriber, cancellationToken);
            if (!created.Succeeded)
            {
                throw new ValidationException(created.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
            }

            var subscriber = Subscriber.Create(
                created.UserId, email, command.FirstName, command.LastName ?? string.Empty, SubscriptionPlan.Standard,
                command.Country, command.Language, command.TimeZone, BillingCurrencies.ForCountry(command.Country), now);
            db.Subscribers.Add(subscriber);
            db.AuditEvents.Add(AuditEvent.Record(now, new Actor(created.UserId, email, user.IpAddress), "subscriber.registered", "subscriber", subscriber.Id.ToString()));
            notifier.AccountCreated(email, subscriber.FirstName);
            return new Result(true, created.UserId!, subscriber.Id);
        }
    }
}
