using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>
/// "I'll get back to you by Friday 10:00": a dated promise the subscriber sees on their case. It keeps the case
/// at the top of the queue until an agent replies, and raises an alarm when missed.
/// </summary>
public static class PromiseFollowUp
{
    /// <param name="DueAt">When the subscriber will hear back (any offset; stored in UTC).</param>
    /// <param name="Note">What was promised, shown to the subscriber.</param>
    /// <param name="ClientRequestId">Makes a retried promise (second click, replayed Idempotency-Key) land once.</param>
    public sealed record Command(Guid CaseId, DateTimeOffset DueAt, string? Note = null, Guid? ClientRequestId = null)
        : ICommand<FollowUpView>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock)
        {
            RuleFor(c => c.DueAt).Cascade(CascadeMode.Stop)
                .NotEqual(default(DateTimeOffset)).WithMessage("Choose the date and time you will get back to the subscriber.")
                .Must(due => due > clock.UtcNow).WithMessage("That time has already passed. Choose a time in the future.")
                .Must(due => due - clock.UtcNow <= Case.MaxFollowUpHorizon)
                .WithMessage($"A follow-up can be promised at most {Case.MaxFollowUpHorizon.TotalDays.ToString("0", CultureInfo.InvariantCulture)} days ahead.");
            RuleFor(c => c.Note)
                .MaximumLength(FollowUp.MaxNoteLength).WithMessage(c => $"Keep the promise to {FollowUp.MaxNoteLength} characters or fewer; it has {c.Note!.Length}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, EmailNotifier email) : ICommandHandler<Command, FollowUpView>
    {
        public async ValueTask<FollowUpView> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            if (command.ClientRequestId is { } requestId && @case.FollowUps.FirstOrDefault(f => f.ClientRequestId == requestId) is { } earlier)
            {
                return FollowUpView.From(earlier);
            }

            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var now = clock.UtcNow;
            // Stored at PostgreSQL's microsecond precision, so the promise reads back exactly as returned.
            var due = command.DueAt.ToUniversalTime();
            var promise = @case.PromiseFollowUp(agent, due.AddTicks(-(due.Ticks % 10)), command.Note, now, command.ClientRequestId);
            await email.FollowUpPromisedAsync(@case, promise, cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "followup.promised", "follow_up", promise.Id.ToString(), @case.Id,
                AuditData.Of(("due_at", null, promise.DueAt.ToString("O", CultureInfo.InvariantCulture)), ("note", null, promise.Note))));
            return FollowUpView.From(promise);
        }
    }
}
