using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Escalations;

/// <summary>
/// An agent escalates a case they may work to a higher tier. Below <see cref="EscalationOptions.ApprovalFromTier"/> the
/// case moves at once; at or above it the request waits for a supervisor, never the requester (a supervisor's own
/// request waits for another supervisor, as with credits).
/// </summary>
public static class EscalateCase
{
    public sealed record Command(Guid CaseId, string ToTier, string Reason) : ICommand<EscalationResult>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToTier).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the tier to escalate to.")
                .Must(CaseInput.IsTier).WithMessage(c => $"'{TextInput.Echo(c.ToTier)}' is not a tier. Use one of: {CaseInput.Names<AgentTier>()}.");
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say why the case needs a higher tier.")
                .MaximumLength(EscalationRequest.MaxReasonLength).WithMessage($"Keep the reason to {EscalationRequest.MaxReasonLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, Escalator escalator) : ICommandHandler<Command, EscalationResult>
    {
        public async ValueTask<EscalationResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var to = CaseInput.TryParse<AgentTier>(command.ToTier, out var parsed) ? parsed : throw new InvalidOperationException("The validator admits only known tiers.");
            if (to <= @case.Tier)
            {
                throw new DomainRuleException("escalation.not_higher", $"Case {@case.DisplayNumber} is already at {@case.Tier}; escalate it to a higher tier, or hand it back.");
            }

            var now = clock.UtcNow;
            var needsApproval = to >= escalator.Options.ApprovalFromTier;
            if (needsApproval && await db.EscalationRequests.AnyAsync(
                r => r.CaseId == @case.Id && r.Kind == EscalationKind.AgentRequest && r.Status == EscalationStatus.Pending, cancellationToken))
            {
                throw new DomainRuleException("escalation.already_pending", $"Case {@case.DisplayNumber} already has an escalation waiting for a supervisor.");
            }

            var request = EscalationRequest.ByAgent(@case.Id, agent, Case.AgentLabel(agent), @case.Tier, to, command.Reason, needsApproval, now);
            db.EscalationRequests.Add(request);
            var before = new { @case.Tier, @case.Queue, @case.AssigneeId };
            if (needsApproval)
            {
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "escalation.requested", "escalation", request.Id.ToString(), @case.Id,
                    AuditData.Of(("status", null, request.Status.ToString()), ("from_tier", null, before.Tier.ToString()), ("to_tier", null, to.ToString()),
                        ("reason", null, request.Reason))));
                await escalator.NotifySupervisorsAsync(@case.Id, "escalation.approval_requested",
                    $"{agent.DisplayName} asks to escalate {@case.DisplayNumber} to {to}: {TextInput.Echo(request.Reason)}", agent.Id, now, cancellationToken);
                return new EscalationResult(EscalationView.From(request), false, @case.Tier, @case.Queue, agent.CanWork(@case.Tier));
            }

            @case.Escalate(to, command.Reason, agent, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.escalated", "escalation", request.Id.ToString(), @case.Id,
                AuditData.Of(("tier", before.Tier.ToString(), @case.Tier.ToString()), ("queue", before.Queue, @case.Queue),
                    ("assignee", before.AssigneeId?.ToString(), @case.AssigneeId?.ToString()), ("reason", null, request.Reason),
                    ("kind", null, nameof(EscalationKind.AgentRequest)))));
            if (before.AssigneeId is { } holder && @case.AssigneeId is null && holder != agent.Id)
            {
                db.Notifications.Add(Notification.Create(holder, @case.Id, "case.unassigned",
                    $"{agent.FirstName} escalated case {@case.DisplayNumber} to {Case.TierLabel(@case.Tier)}; it is no longer with you, but you can still read it.", now));
            }

            return new EscalationResult(EscalationView.From(request), true, @case.Tier, @case.Queue, agent.CanWork(@case.Tier));
        }
    }
}
