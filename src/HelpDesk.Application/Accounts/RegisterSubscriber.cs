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
/// A subscriber creates their own portal account. The account is unconfirmed: it gets a confirmation link by email and
/// has no subscriber profile (and cannot sign in) until the address is confirmed (<see cref="ConfirmAccount"/>); an
/// unverified contact with the same address (an earlier email or guest chat) is claimed only then (ADR 0113).
/// Registering an address that already has an account (a subscriber or staff) answers exactly like a new one and takes as
/// long (the password is checked and hashed either way); the address's owner gets an email saying someone tried. So the
/// form cannot tell anyone who has an account.
/// </summary>
public static class RegisterSubscriber
{
    /// <summary>What every caller is told, known address or not.</summary>
    public const string CheckYourEmail = "Check your email to continue.";

    public sealed record Command(
        string Email, string Password, string FirstName, string LastName, string Country = "US", string Language = "en", string TimeZone = "UTC")
        : ICommand<Result>, IAllowAnonymous;

    /// <param name="Created">Whether an account was created (or an unconfirmed one registered again). Never shown to the caller: the web answer is the same either way.</param>
    public sealed record Result(bool Created, string? UserId, Guid? SubscriberId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).DeliverableAddress("Enter your email address.", trimmed: false);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
                .MaximumLength(128).WithMessage("The password must be 128 characters or fewer.");
            RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter your first name.")
                .MaximumLength(100).WithMessage("The first name must be 100 characters or fewer.");
            RuleFor(c => c.LastName).MaximumLength(100).WithMessage("The last name must be 100 characters or fewer.");
            RuleFor(c => c.Country).Matches("^[A-Za-z]{2}$").WithMessage("Use a two-letter country code, like US or ES.");
            RuleFor(c => c.Language).Matches("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$").WithMessage("Use a language code, like en or es.");
            RuleFor(c => c.TimeZone).Must(BeATimeZone).WithMessage("Unknown time zone; use an IANA name like Europe/Madrid.");
        }

        private static bool BeATimeZone(string? id) => ZonedTime.Find(id) is not null;
    }

    public sealed class Handler(
        IHelpDeskDb db, IIdentityService identity, IAccountIdentity accounts, IClock clock, ICurrentUser user, EmailNotifier notifier,
        Microsoft.Extensions.Options.IOptions<AccountOptions> options)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim().ToLowerInvariant();
            var now = clock.UtcNow;
            var existing = await accounts.FindByEmailAsync(email, cancellationToken);
            var pending = existing is { EmailConfirmed: false } ? await db.PendingRegistrations.FindAsync([existing.UserId], cancellationToken) : null;
            if (existing is not null && pending is null)
            {
                // The same password rules and hashing as a new account, then the same answer; the owner is told by email.
                ThrowIfAny(await identity.CheckNewPasswordAsync(email, command.Password, cancellationToken));
                notifier.RegistrationRepeated(email);
                db.AuditEvents.Add(AuditEvent.Record(now, new Actor(null, email, user.IpAddress), "subscriber.registration_repeated", "subscriber", email));
                return new Result(false, null, null);
            }

            string userId;
            if (existing is not null && pending is not null)
            {
                // Registered again before confirming: the latest password and details win and earlier links stop working
                // (the security stamp changes), so whoever confirms must know the password chosen last.
                ThrowIfAny(await identity.CheckNewPasswordAsync(email, command.Password, cancellationToken));
                ThrowIfAny(await accounts.ReplacePasswordAsync(existing.UserId, command.Password, cancellationToken));
                pending.Replace(command.FirstName, command.LastName ?? string.Empty, command.Country, command.Language, command.TimeZone, now);
                userId = existing.UserId;
                db.AuditEvents.Add(AuditEvent.Record(now, new Actor(userId, email, user.IpAddress), "subscriber.registration_restarted", "user", userId));
            }
            else
            {
                var created = await identity.CreateUserAsync(email, command.Password, Roles.Subscriber, cancellationToken);
                if (!created.Succeeded)
                {
                    throw new ValidationException(created.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
                }

                userId = created.UserId!;
                db.PendingRegistrations.Add(PendingRegistration.Create(
                    userId, email, command.FirstName, command.LastName ?? string.Empty, command.Country, command.Language, command.TimeZone, now));
                db.AuditEvents.Add(AuditEvent.Record(now, new Actor(userId, email, user.IpAddress), "subscriber.registered", "user", userId));
            }

            // No subscriber profile until the address is confirmed: before that the account can neither sign in nor see anything.
            var token = await accounts.EmailConfirmationTokenAsync(userId, cancellationToken);
            notifier.ConfirmAddress(email, command.FirstName.Trim(), notifier.Link("/Account/ConfirmEmail", ("userId", userId), ("code", token)),
                options.Value.ConfirmationLinkLifetime);
            return new Result(true, userId, null);
        }

        private static void ThrowIfAny(IReadOnlyList<IdentityErrorModel> errors)
        {
            if (errors.Count > 0)
            {
                throw new ValidationException(errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
            }
        }
    }
}
