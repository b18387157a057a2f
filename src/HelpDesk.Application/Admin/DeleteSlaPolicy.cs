using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Deletes a channel-specific policy; its open cases fall back to the priority's general policy at once.
/// General policies cannot be deleted: every priority must keep one. Administrators only.
/// </summary>
public static class DeleteSlaPolicy
{
    public sealed record Command(Guid Id) : ICommand<RecomputeResult>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, RecomputeResult>
    {
        private static readonly CaseStatus[] Finished = [CaseStatus.Resolved, CaseStatus.Closed];

        public async ValueTask<RecomputeResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var policy = await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw AdminErrors.Policy(command.Id);
            if (policy.Channel is null)
            {
                throw new DomainRuleException("sla.general_policy_required",
                    $"“{policy.Name}” is the general policy for {policy.Priority} priority; every priority must keep one. Change it instead.");
            }

            var general = await db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Priority == policy.Priority && p.Channel == null, cancellationToken);
            var cases = await db.Cases.Where(c => c.SlaPolicyId == policy.Id && !Finished.Contains(c.Status)).ToListAsync(cancellationToken);
            foreach (var @case in cases)
            {
                @case.RefreshSla(general);
            }

            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "sla_policy.deleted", "sla_policy", policy.Id.ToString(),
                data: AdminAudit.Diff(AdminAudit.Of(policy), null)));
            db.SlaPolicies.Remove(policy);
            return new RecomputeResult(policy.Id, cases.Count);
        }
    }
}
