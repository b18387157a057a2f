using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// An agent recategorizes a case. Moving it into a safety-sensitive category sends it straight to Tier 3 as
/// Urgent (DESIGN §1.2): the move is audited and supervisors are told.
/// </summary>
public static class ChangeCaseCategory
{
    public sealed record Command(Guid CaseId, string Category) : ICommand<CaseState>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Category).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a category.")
                .Must(CaseInput.IsCategory)
                .WithMessage(c => $"'{TextInput.Echo(c.Category)}' is not a category. Use one of: {CaseInput.Names<CaseCategory>()}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, Escalations.Escalator escalator) : ICommandHandler<Command, CaseState>
    {
        public async ValueTask<CaseState> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var to = CaseInput.TryParse<CaseCategory>(command.Category, out var parsed) ? parsed : throw new InvalidOperationException("The validator admits only known categories.");
            var before = new { @case.Category, @case.Tier, @case.Queue, @case.Priority, @case.AssigneeId, Holder = @case.Assignee };
            if (before.Category == to)
            {
                return CaseState.Of(@case, agent);
            }

            var now = clock.UtcNow;
            var placement = @case.ChangeCategory(agent, to, now);
            var id = @case.Id.ToString();
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.category_changed", "case", id, @case.Id,
                AuditData.Of(("category", before.Category.ToString(), to.ToString()))));
            if (placement is null)
            {
                // Categories the configuration adds to the built-in sensitive ones move here.
                await escalator.OnSensitiveCategoryAsync(@case, before.Tier, user.AsActor(), now, cancellationToken);
                return CaseState.Of(@case, agent);
            }

            var reason = $"Sensitive category: {CaseCategories.Label(to)}.";
            @case.NoteRule(placement.Rule, $"{reason} The case moved from {before.Tier} to {@case.Queue} as {@case.Priority}.", now);
            db.EscalationRequests.Add(Domain.Escalations.EscalationRequest.Automatic(@case.Id, placement.Rule, before.Tier, @case.Tier, reason, now));

            var dropped = before.AssigneeId is not null && @case.AssigneeId is null;
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.requeued", "case", id, @case.Id,
                AuditData.Of(
                    ("tier", before.Tier.ToString(), @case.Tier.ToString()),
                    ("queue", before.Queue, @case.Queue),
                    ("priority", before.Priority.ToString(), @case.Priority.ToString()),
                    ("assignee", before.Holder?.DisplayName, dropped ? null : before.Holder?.DisplayName),
                    ("rule", null, placement.Rule))));

            var label = CaseCategories.Label(to);
            var message = $"{agent.FirstName} moved case {@case.DisplayNumber} to \"{label}\": it now waits in {@case.Queue} as {@case.Priority}.";
            var supervisors = await db.Agents.AsNoTracking().Where(a => a.Tier == AgentTier.Supervisor && a.Id != agent.Id).Select(a => a.Id).ToListAsync(cancellationToken);
            foreach (var supervisor in supervisors)
            {
                db.Notifications.Add(Notification.Create(supervisor, @case.Id, "case.sensitive", message, now));
            }

            if (dropped && before.AssigneeId is { } holder && holder != agent.Id && !supervisors.Contains(holder))
            {
                // The previous holder may not open the case any more: never name the sensitive category to them.
                db.Notifications.Add(Notification.Create(holder, @case.Id, "case.unassigned",
                    $"Case {@case.DisplayNumber} went to another team; it is no longer with you, but you can still read it.", now));
            }

            return CaseState.Of(@case, agent);
        }
    }
}
