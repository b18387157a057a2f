using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Accounts;

/// <summary>A subscriber creates their own portal account.</summary>
public static class RegisterSubscriber
{
    public sealed record Command(
        string Email, string Password, string FirstName, string LastName, string Country = "US", string Language = "en", string TimeZone = "UTC")
        : ICommand<Result>, IAllowAnonymous;

    public sealed record Result(string UserId, Guid SubscriberId);

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

    public sealed class Handler(IHelpDeskDb db, IIdentityService identity, IClock clock, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email.Trim().ToLowerInvariant();
            if (await db.Subscribers.AnyAsync(s => s.Email == email, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Email), "An account with this email address already exists. Sign in instead.")]);
            }

            var created = await identity.CreateUserAsync(email, command.Password, Roles.Subscriber, cancellationToken);
            if (!created.Succeeded)
            {
                throw new ValidationException(created.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
            }

            var now = clock.UtcNow;
            var subscriber = Subscriber.Create(
                created.UserId, email, command.FirstName, command.LastName ?? string.Empty, SubscriptionPlan.Standard,
                command.Country, command.Language, command.TimeZone, BillingCurrencies.ForCountry(command.Country), now);
            db.Subscribers.Add(subscriber);
            db.AuditEvents.Add(AuditEvent.Record(now, new Actor(created.UserId, email, user.IpAddress), "subscriber.registered", "subscriber", subscriber.Id.ToString()));
            return new Result(created.UserId!, subscriber.Id);
        }
    }
}
