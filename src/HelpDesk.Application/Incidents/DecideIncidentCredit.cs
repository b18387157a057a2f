using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>A supervisor who did not ask for it approves or rejects a proposed incident credit.</summary>
public static class DecideIncidentCredit
{
    public sealed record Command(Guid IncidentId, bool Approve, string? Reason = null) : ICommand<IncidentCreditView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().When(c => !c.Approve).WithMessage("Say why the credit is rejected.");
            RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("The reason must be 1,000 characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, IncidentCreditView>
    {
        public async ValueTask<IncidentCreditView> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await db.IncidentCreditRuns
                .Where(r => r.IncidentId == command.IncidentId && r.Status != IncidentCreditStatus.Rejected)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            var now = clock.UtcNow;
            var agentId = user.AgentId ?? throw new ForbiddenException("Only supervisors can do this.");
            if (command.Approve)
            {
                run.Approve(agentId, user.Name, now);
            }
            else
            {
                run.Reject(agentId, user.Name, command.Reason!, now);
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), command.Approve ? "incident.credit_approved" : "incident.credit_rejected",
                "incident", command.IncidentId.ToString(), null,
                AuditData.Of(("status", IncidentCreditStatus.PendingApproval.ToString(), run.Status.ToString()), ("reason", null, command.Reason))));
            return IncidentCreditView.Of(run);
        }
    }
}
