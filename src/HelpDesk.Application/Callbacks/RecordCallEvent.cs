using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Callbacks;

/// <summary>
/// The telephony provider (CTI/IVR, by API key, running as the system) reports a call event: ringing, answered, or
/// ended with a duration. It is attached to the callback (by id, or the open callback for that phone number) and its
/// case timeline. A repeated event id is stored once.
/// </summary>
public static class RecordCallEvent
{
    public sealed record Command(string EventId, CallEventKind Kind, Guid? CallbackId, string? Phone, int? DurationSeconds, DateTimeOffset? OccurredAt)
        : ICommand<Result>, IRequireSystem;

    /// <param name="Duplicate">True when this event id had been stored before; nothing changed.</param>
    public sealed record Result(Guid Id, Guid CallbackId, Guid CaseId, bool Duplicate);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.EventId).NotEmpty().WithMessage("Give the provider's event id (eventId), so a repeated delivery is stored once.")
                .MaximumLength(CallEvent.MaxExternalIdLength).WithMessage($"An event id has at most {CallEvent.MaxExternalIdLength} characters.");
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Unknown event; use Ringing, Answered or Ended.");
            RuleFor(c => c).Must(c => c.CallbackId is not null || !string.IsNullOrWhiteSpace(c.Phone))
                .WithName("CallbackId").WithMessage("Give the callbackId or the phone number called.");
            RuleFor(c => c.Phone).Must(p => p is null || PhoneNumber.IsValid(p))
                .WithMessage(c => PhoneNumber.Normalize(c.Phone, out var error) is null ? error : string.Empty);
            RuleFor(c => c.DurationSeconds).InclusiveBetween(0, 86_400).WithMessage("The duration must be between 0 and 86400 seconds.");
            RuleFor(c => c.DurationSeconds).NotNull().When(c => c.Kind == CallEventKind.Ended).WithMessage("An ended call needs its duration in seconds.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var eventId = command.EventId.Trim();
            var existing = await db.CallEvents.AsNoTracking().SingleOrDefaultAsync(e => e.ExternalId == eventId, cancellationToken);
            if (existing is not null)
            {
                return new Result(existing.Id, existing.CallbackId, existing.CaseId, Duplicate: true);
            }

            CallbackRequest? callback;
            if (command.CallbackId is { } id)
            {
                callback = await db.Callbacks.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            }
            else
            {
                var phone = PhoneNumber.Normalize(command.Phone, out _);
                callback = await db.Callbacks.Where(c => c.Phone == phone)
                    .OrderBy(c => c.Status == CallbackStatus.Claimed ? 0 : c.Status == CallbackStatus.Waiting ? 1 : 2)
                    .ThenByDescending(c => c.UpdatedAt)
                    .FirstOrDefaultAsync(cancellationToken);
            }

            if (callback is null)
            {
                throw new NotFoundException(command.CallbackId is { } missing ? $"Callback {missing} was not found." : "No callback was requested for that phone number.");
            }

            var now = clock.UtcNow;
            var occurred = command.OccurredAt ?? now;
            var callEvent = CallEvent.Create(eventId, callback, command.Kind, command.DurationSeconds, occurred, now);
            db.CallEvents.Add(callEvent);
            var @case = await db.Cases.SingleAsync(c => c.Id == callback.CaseId, cancellationToken);
            var text = command.Kind switch
            {
                CallEventKind.Ringing => $"Phone system: calling {callback.Phone} (ringing).",
                CallEventKind.Answered => $"Phone system: the call to {callback.Phone} was answered.",
                _ => $"Phone system: the call to {callback.Phone} ended after {(command.DurationSeconds ?? 0) / 60} min {(command.DurationSeconds ?? 0) % 60} s.",
            };
            @case.AddCallbackEntry(text, Domain.Cases.Visibility.Internal, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "callback.call_event", "callback", callback.Id.ToString(), callback.CaseId,
                AuditData.Of(("event", null, command.Kind.ToString()), ("event_id", null, eventId),
                    ("duration_seconds", null, command.DurationSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            return new Result(callEvent.Id, callback.Id, callback.CaseId, Duplicate: false);
        }
    }
}
