using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using Mediator;

namespace HelpDesk.Application.Escalations;

/// <summary>
/// A supervisor rejects a pending escalation, saying why (never their own). The agent who asked is notified; a
/// subscriber who asked sees the answer on the case, which stays with the supervisors until one hands it back.
/// </summary>
public static class RejectEscalation
{
    public sealed record Command(Guid RequestId, string Comment) : ICommand<EscalationView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say why the escalation is rejected; the person who asked will see it.")
                .MaximumLength(EscalationRequest.MaxCommentLength).WithMessage($"Keep the comment to {EscalationRequest.MaxCommentLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, EscalationView>
    {
        public async ValueTask<EscalationView> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.EscalationForDecisionAsync(command.RequestId, cancellationToken);
            var approver = await db.ActingAgentAsync(user, cancellationToken);
            var @case = await db.CaseForChangeAsync(request.CaseId, cancellationToken);
            var now = clock.UtcNow;
            request.Reject(approver, Case.AgentLabel(approver), command.Comment, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "escalation.rejected", "escalation", request.Id.ToString(), @case.Id,
                AuditData.Of(("status", nameof(EscalationStatus.Pending), request.Status.ToString()), ("comment", null, request.DecisionComment))));
            if (request.RequestedByAgentId is { } requester)
            {
                db.Notifications.Add(Notification.Create(requester, @case.Id, "escalation.rejected",
                    $"{approver.DisplayName} rejected your escalation of {@case.DisplayNumber} to {request.ToTier}: {request.DecisionComment}", now));
            }

            return EscalationView.From(request);
        }
    }
}
