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
/// A supervisor approves a pending escalation (never their own). An agent's request moves the case to the requested
/// tier; a subscriber's "ask for a supervisor" (the case already moved) is taken by the approving supervisor.
/// </summary>
public static class ApproveEscalation
{
    public sealed record Command(Guid RequestId, string? Comment = null) : ICommand<EscalationView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment)
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
            request.Approve(approver, Case.AgentLabel(approver), command.Comment, now);
            var before = new { @case.Tier, @case.Queue, @case.AssigneeId };
            if (request.Kind == EscalationKind.SubscriberAskedForSupervisor)
            {
                if (@case.Status != CaseStatus.Closed)
                {
                    @case.Assign(approver, now);
                }
            }
            else if (@case.Tier < request.ToTier && @case.Status is not (CaseStatus.Resolved or CaseStatus.Closed))
            {
                @case.Escalate(request.ToTier, $"{request.RequestedByName} asked: {request.Reason} (approved by {Case.AgentLabel(approver)})", approver, now);
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "escalation.approved", "escalation", request.Id.ToString(), @case.Id,
                AuditData.Of(("status", nameof(EscalationStatus.Pending), request.Status.ToString()), ("tier", before.Tier.ToString(), @case.Tier.ToString()),
                    ("queue", before.Queue, @case.Queue), ("comment", null, request.DecisionComment))));
            if (request.RequestedByAgentId is { } requester)
            {
                db.Notifications.Add(Notification.Create(requester, @case.Id, "escalation.approved",
                    $"{approver.DisplayName} approved your escalation of {@case.DisplayNumber} to {request.ToTier}.", now));
            }

            if (before.AssigneeId is { } holder && @case.AssigneeId != holder && holder != request.RequestedByAgentId)
            {
                db.Notifications.Add(Notification.Create(holder, @case.Id, "case.unassigned",
                    $"Case {@case.DisplayNumber} was escalated to {Case.TierLabel(@case.Tier)}; it is no longer with you, but you can still read it.", now));
            }

            return EscalationView.From(request);
        }
    }
}
