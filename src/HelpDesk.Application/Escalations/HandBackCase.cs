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
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Escalations;

/// <summary>An agent hands a case back down to a lower tier with a note; the case waits unassigned in that tier's queue.</summary>
public static class HandBackCase
{
    public sealed record Command(Guid CaseId, string ToTier, string Note) : ICommand<CaseState>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToTier).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the tier to hand the case back to.")
                .Must(CaseInput.IsTier).WithMessage(c => $"'{TextInput.Echo(c.ToTier)}' is not a tier. Use one of: {CaseInput.Names<AgentTier>()}.");
            RuleFor(c => c.Note).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Leave a note for the tier that takes the case back.")
                .MaximumLength(EscalationRequest.MaxReasonLength).WithMessage($"Keep the note to {EscalationRequest.MaxReasonLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<EscalationOptions> options) : ICommandHandler<Command, CaseState>
    {
        public async ValueTask<CaseState> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var to = CaseInput.TryParse<AgentTier>(command.ToTier, out var parsed) ? parsed : throw new InvalidOperationException("The validator admits only known tiers.");
            // A safety-sensitive case (built-in or configured) never goes back below the tier the escalator sends it to.
            if (options.Value.IsSensitive(@case.Category) && to < Escalator.SensitiveTier)
            {
                throw new DomainRuleException("escalation.sensitive_stays_senior",
                    $"Case {@case.DisplayNumber} is in a sensitive category ({CaseCategories.Label(@case.Category)}); it stays at {Escalator.SensitiveTier} or above. "
                    + "If the category is wrong, change the category first.");
            }

            var now = clock.UtcNow;
            var before = new { @case.Tier, @case.Queue, @case.AssigneeId };
            @case.HandBack(agent, to, command.Note, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.handed_back", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("tier", before.Tier.ToString(), @case.Tier.ToString()), ("queue", before.Queue, @case.Queue),
                    ("assignee", before.AssigneeId?.ToString(), null), ("note", null, command.Note.Trim()))));
            return CaseState.Of(@case, agent);
        }
    }
}
