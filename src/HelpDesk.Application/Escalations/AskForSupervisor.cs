using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>
/// A subscriber asks for a supervisor on their own case (DESIGN §1.2: always possible, no agent can block it). The case
/// moves to the Supervisor queue at once with its own answer deadline; supervisors are notified. Asking again while a
/// request is pending returns that request.
/// </summary>
public static class AskForSupervisor
{
    public sealed record Command(Guid CaseId, string Reason) : ICommand<EscalationView>, ICaseRequest, IRequireSubscriber;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Tell us briefly why you would like a supervisor.")
                .MaximumLength(EscalationRequest.MaxReasonLength).WithMessage($"Please keep it to {EscalationRequest.MaxReasonLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, Escalator escalator) : ICommandHandler<Command, EscalationView>
    {
        public async ValueTask<EscalationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var pending = await db.EscalationRequests.AsNoTracking()
                .SingleOrDefaultAsync(r => r.CaseId == command.CaseId && r.Kind == EscalationKind.SubscriberAskedForSupervisor && r.Status == EscalationStatus.Pending, cancellationToken);
            if (pending is not null)
            {
                return EscalationView.From(pending);
            }

            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Id == user.SubscriberId, cancellationToken)
                ?? throw new ForbiddenException("Your account has no subscriber profile.");
            var now = clock.UtcNow;
            var due = now + escalator.Options.SupervisorResponseTarget;
            var before = new { @case.Tier, @case.Queue, @case.Status, @case.AssigneeId };
            @case.AskForSupervisor(subscriber, command.Reason, due, now);
            var request = EscalationRequest.BySubscriber(@case.Id, subscriber.Id, subscriber.FirstName, before.Tier, command.Reason, due, now);
            db.EscalationRequests.Add(request);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "escalation.subscriber_asked", "escalation", request.Id.ToString(), @case.Id,
                AuditData.Of(("tier", before.Tier.ToString(), @case.Tier.ToString()), ("queue", before.Queue, @case.Queue),
                    ("status", before.Status.ToString(), @case.Status.ToString()), ("reason", null, request.Reason),
                    ("answer_due_at", null, due.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))));
            await escalator.NotifySupervisorsAsync(@case.Id, "escalation.subscriber_asked",
                $"{subscriber.FirstName} asked for a supervisor on {@case.DisplayNumber}: {TextInput.Echo(request.Reason)}", null, now, cancellationToken);
            if (before.AssigneeId is { } holder && @case.AssigneeId is null)
            {
                db.Notifications.Add(Notification.Create(holder, @case.Id, "case.unassigned",
                    $"The subscriber asked for a supervisor on {@case.DisplayNumber}; it is with the supervisors now. You can still read it from this notification.", now));
            }

            return EscalationView.From(request);
        }
    }
}
