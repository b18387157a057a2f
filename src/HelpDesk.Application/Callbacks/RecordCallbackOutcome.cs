using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>
/// The agent who claimed a callback records how the call went. No answer or voicemail schedules a retry with backoff;
/// after the last allowed attempt (or a wrong number) we give up, email the subscriber and leave the case open.
/// </summary>
public static class RecordCallbackOutcome
{
    public sealed record Command(Guid Id, CallbackOutcome Outcome, string? Notes) : ICommand<CallbackView>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).IsInEnum().WithMessage("Choose how the call went: Reached, NoAnswer, Voicemail or WrongNumber.");
            RuleFor(c => c.Notes).MaximumLength(CallbackRequest.MaxNotesLength)
                .WithMessage(c => $"Notes must be {CallbackRequest.MaxNotesLength:N0} characters or fewer; they have {c.Notes!.Length:N0}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CallbackOptions> options, IEmailMessageIds messageIds)
        : ICommandHandler<Command, CallbackView>
    {
        public async ValueTask<CallbackView> Handle(Command command, CancellationToken cancellationToken)
        {
            var callback = await CallbackSupport.LoadVisibleAsync(db, user, command.Id, cancellationToken);
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == user.AgentId, cancellationToken)
                ?? throw new ForbiddenException("Your account has no agent profile.");
            if (callback.Status == CallbackStatus.Claimed && callback.ClaimedById != agent.Id)
            {
                throw new ForbiddenException("Another agent holds this callback; only they can record its outcome.");
            }

            var now = clock.UtcNow;
            var from = callback.Status;
            var policy = options.Value.RetryPolicy;
            var attempt = callback.RecordOutcome(agent.Id, Case.AgentLabel(agent), command.Outcome, command.Notes, policy, now);
            var @case = await db.Cases.Include(c => c.Subscriber).SingleAsync(c => c.Id == callback.CaseId, cancellationToken);

            var summary = $"Call attempt {attempt.Number} of {policy.MaxAttempts} by {attempt.AgentName}: {CallbackSupport.Label(command.Outcome)}.";
            var next = callback.Status switch
            {
                CallbackStatus.Waiting => $" We will try again at {CallbackSupport.Utc(callback.DueAt)}.",
                CallbackStatus.GivenUp when command.Outcome == CallbackOutcome.WrongNumber => " The number seems to be wrong, so we have stopped calling; we have emailed you instead.",
                CallbackStatus.GivenUp => " We could not reach you by phone, so we have emailed you instead. Your case stays open.",
                _ => string.Empty,
            };
            @case.AddCallbackEntry(summary + next, Visibility.Public, now);
            if (attempt.Notes is { } notes)
            {
                @case.AddCallbackEntry($"Call notes (attempt {attempt.Number}): {notes}", Visibility.Internal, now);
            }

            if (callback.Status == CallbackStatus.GivenUp && @case.Subscriber is { } subscriber)
            {
                var messageId = await messageIds.NewAsync(@case.Id, cancellationToken);
                var body = $"""
                    Hello {subscriber.FirstName},

                    You asked us to call you on {callback.Phone} about "{callback.Topic}". We tried {callback.AttemptCount} time{(callback.AttemptCount == 1 ? string.Empty : "s")} but could not reach you{(command.Outcome == CallbackOutcome.WrongNumber ? " (the number seems to be wrong)" : string.Empty)}.

                    Your case {@case.DisplayNumber} stays open: reply to this email, or request a new callback in the portal, and we will pick it up from there.

                    HelpDesk
                    """;
                db.OutboundEmails.Add(OutboundEmail.Create(
                    OutboundEmailKind.FollowUpReminder, @case.Id, null, null, subscriber.Email, subscriber.DisplayName, null,
                    $"[{@case.DisplayNumber}] We could not reach you by phone", body, null, messageId, null, null, now));
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "callback.outcome_recorded", "callback", callback.Id.ToString(), callback.CaseId,
                AuditData.Of(("status", from.ToString(), callback.Status.ToString()), ("outcome", null, command.Outcome.ToString()),
                    ("attempt", null, attempt.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("due_at", null, callback.Status == CallbackStatus.Waiting ? callback.DueAt.ToString("O") : null))));
            return await CallbackSupport.ViewAsync(db, callback, options.Value, now, staff: true, cancellationToken, @case.Number);
        }
    }
}
