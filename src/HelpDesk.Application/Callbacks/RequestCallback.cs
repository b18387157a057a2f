using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>
/// A subscriber asks to be phoned: from the portal (their own case, or a new phone case) or through the IVR, which
/// runs as the system and names the subscriber by id or email. Every callback belongs to a case.
/// </summary>
public static class RequestCallback
{
    /// <summary>From the portal or the subscriber's API token: a local date and times in the subscriber's time zone.</summary>
    public sealed record Command(string Phone, DateOnly Date, TimeOnly From, TimeOnly To, string TimeZone, string Topic, Guid? CaseId = null)
        : ICommand<CallbackView>, IRequireSubscriber;

    /// <summary>From the IVR (API key): the window as instants.</summary>
    public sealed record IvrCommand(
        Guid? SubscriberId, string? Email, string Phone, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string Topic, string? TimeZone = null, Guid? CaseId = null)
        : ICommand<CallbackView>, IRequireSystem;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Phone).Custom(CheckPhone);
            RuleFor(c => c.Topic).Custom(CheckTopic);
            RuleFor(c => c.TimeZone)
                .Must(z => CallbackWindow.TryFindTimeZone(z, out _))
                .WithMessage(c => $"'{TextInput.Echo(c.TimeZone)}' is not a time zone we know. Use a name like Europe/London or America/New_York.");
            RuleFor(c => c.To).GreaterThan(c => c.From).WithMessage("The end of the time window must be after its start.");
        }
    }

    public sealed class IvrValidator : AbstractValidator<IvrCommand>
    {
        public IvrValidator()
        {
            RuleFor(c => c.Phone).Custom(CheckPhone);
            RuleFor(c => c.Topic).Custom(CheckTopic);
            RuleFor(c => c).Must(c => c.SubscriberId is not null || !string.IsNullOrWhiteSpace(c.Email))
                .WithName("Subscriber").WithMessage("Name the subscriber by subscriberId or email.");
            RuleFor(c => c.Email).MaximumLength(256).WithMessage("An email address has at most 256 characters.");
            RuleFor(c => c.WindowEnd).GreaterThan(c => c.WindowStart).WithMessage("The end of the time window must be after its start.");
            RuleFor(c => c.TimeZone)
                .Must(z => z is null || CallbackWindow.TryFindTimeZone(z, out _))
                .WithMessage(c => $"'{TextInput.Echo(c.TimeZone)}' is not a time zone we know. Use a name like Europe/London.");
        }
    }

    internal static void CheckPhone(string phone, ValidationContext<Command> context) => AddPhoneError(phone, context);

    internal static void CheckPhone(string phone, ValidationContext<IvrCommand> context) => AddPhoneError(phone, context);

    internal static void CheckTopic<T>(string topic, ValidationContext<T> context)
    {
        if (string.IsNullOrWhiteSpace(topic))
        {
            context.AddFailure("Topic", "Say briefly what the call is about.");
        }
        else if (topic.Length > CallbackRequest.MaxTopicLength)
        {
            context.AddFailure("Topic", $"The topic must be {CallbackRequest.MaxTopicLength} characters or fewer; it has {topic.Length:N0}.");
        }
    }

    private static void AddPhoneError<T>(string phone, ValidationContext<T> context)
    {
        if (PhoneNumber.Normalize(phone, out var error) is null)
        {
            context.AddFailure("Phone", error ?? "The phone number is not valid.");
        }
    }


    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, CaseRouter router, IOptions<CallbackOptions> options)
        : ICommandHandler<Command, CallbackView>, ICommandHandler<IvrCommand, CallbackView>
    {
        public async ValueTask<CallbackView> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Id == user.SubscriberId, cancellationToken)
                ?? throw new ForbiddenException("Your account has no subscriber profile.");
            var now = clock.UtcNow;
            var window = WindowOrInvalid(() => CallbackWindow.FromLocal(command.Date, command.From, command.To, command.TimeZone, now, options.Value.BookingHorizon));
            return await CreateAsync(subscriber, command.Phone, window, command.Topic, command.CaseId, CallbackSource.Portal, now, cancellationToken);
        }

        public async ValueTask<CallbackView> Handle(IvrCommand command, CancellationToken cancellationToken)
        {
            var email = command.Email?.Trim().ToLowerInvariant();
            var subscriber = command.SubscriberId is { } id
                ? await db.Subscribers.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
                : await db.Subscribers.SingleOrDefaultAsync(s => s.Email == email, cancellationToken);
            if (subscriber is null)
            {
                throw new NotFoundException("No subscriber matches that id or email.");
            }

            var now = clock.UtcNow;
            var window = WindowOrInvalid(() => CallbackWindow.Create(command.WindowStart, command.WindowEnd, command.TimeZone ?? subscriber.TimeZone, now, options.Value.BookingHorizon));
            return await CreateAsync(subscriber, command.Phone, window, command.Topic, command.CaseId, CallbackSource.Ivr, now, cancellationToken);
        }

        /// <summary>A window the calendar refuses is bad input (400 with the field), not a conflict.</summary>
        private static CallbackWindow WindowOrInvalid(Func<CallbackWindow> create)
        {
            try
            {
                return create();
            }
            catch (DomainRuleException rule) when (rule.Code.StartsWith("callback.", StringComparison.Ordinal))
            {
                var field = rule.Code switch
                {
                    "callback.time_zone" => "TimeZone",
                    "callback.window_order" => "To",
                    _ => "Date",
                };
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(field, rule.Message)]);
            }
        }

        private async Task<CallbackView> CreateAsync(
            Subscriber subscriber, string phone, CallbackWindow window, string topic, Guid? caseId, CallbackSource source, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Case @case;
            if (caseId is { } existingId)
            {
                // Someone else's case, or none: the same answer, so ids cannot be probed.
                @case = await db.Cases.Where(c => c.Id == existingId).OwnedThroughAccount(db, subscriber.Id).SingleOrDefaultAsync(cancellationToken)
                    ?? throw NotFoundException.Case(existingId);
                if (@case.Status == CaseStatus.Closed || @case.MergedIntoId is not null)
                {
                    throw new DomainRuleException("case.closed", $"Case {@case.DisplayNumber} is closed. Request the callback without a case to open a new one.");
                }

                if (@case.Status == CaseStatus.Resolved)
                {
                    @case.MoveTo(CaseStatus.Open, now);
                }
            }
            else
            {
                var number = await db.NextCaseNumberAsync(cancellationToken);
                var placement = await router.PlaceAsync(Channel.Phone, CaseCategory.Other, subscriber.Language, CasePriority.Normal, cancellationToken);
                var subject = "Callback: " + topic.Trim();
                @case = Case.Open(number, subscriber, Channel.Phone, CaseCategory.Other, subject.Length > Case.MaxSubjectLength ? subject[..Case.MaxSubjectLength] : subject,
                    topic, now, placement: placement);
                db.Cases.Add(@case);
                db.AuditEvents.Add(AuditEvent.Record(
                    now, user.AsActor(), "case.opened", "case", @case.Id.ToString(), @case.Id,
                    AuditData.Of(("channel", null, nameof(Channel.Phone)), ("tier", null, @case.Tier.ToString()), ("queue", null, @case.Queue), ("rule", null, placement.Rule))));
            }

            var callback = CallbackRequest.Create(@case.Id, subscriber.Id, phone, window, topic, @case.Priority, source, now);
            db.Callbacks.Add(callback);
            @case.AddCallbackEntry(
                $"Callback requested{(source == CallbackSource.Ivr ? " by phone" : string.Empty)}: we will call {callback.Phone} between {CallbackSupport.Utc(window.Start)} and {CallbackSupport.Utc(window.End)} ({window.TimeZoneId}) about \"{callback.Topic}\".",
                Visibility.Public, now);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "callback.requested", "callback", callback.Id.ToString(), @case.Id,
                AuditData.Of(("status", null, callback.Status.ToString()), ("window_start", null, window.Start.ToString("O")),
                    ("window_end", null, window.End.ToString("O")), ("source", null, source.ToString()))));
            return await CallbackSupport.ViewAsync(db, callback, options.Value, now, staff: false, cancellationToken, @case.Number);
        }
    }
}
