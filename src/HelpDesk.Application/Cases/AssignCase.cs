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
/// Gives a case to a named agent, moves it to another, or puts it back in its queue. Taking a case from a
/// colleague, or unassigning it, needs a reason (kept as an internal note and in the audit log).
/// </summary>
public static class AssignCase
{
    /// <param name="AssigneeId">The agent who should hold the case; null puts it back in the queue.</param>
    public sealed record Command(Guid CaseId, Guid? AssigneeId, string? Reason = null) : ICommand<CaseState>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IHelpDeskDb db, ICurrentUser user)
        {
            RuleFor(c => c.Reason)
                .MaximumLength(Case.MaxReasonLength).WithMessage($"Keep the reason to {Case.MaxReasonLength} characters or fewer.");
            RuleFor(c => c).CustomAsync(async (command, context, cancellationToken) =>
            {
                var @case = await db.Cases.AsNoTracking()
                    .Where(c => c.Id == command.CaseId)
                    .Select(c => new { c.Tier, c.Category, c.Language, c.AssigneeId, HolderFirstName = c.Assignee == null ? null : c.Assignee.FirstName })
                    .SingleOrDefaultAsync(cancellationToken);
                if (@case is null)
                {
                    return;
                }

                if (command.AssigneeId is { } targetId)
                {
                    var target = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == targetId, cancellationToken);
                    if (target is null)
                    {
                        context.AddFailure(nameof(Command.AssigneeId), "There is no member of staff with that id. Choose someone from the list.");
                    }
                    else if (IneligibilityReason(target, @case.Tier, @case.Category, @case.Language) is { } why)
                    {
                        context.AddFailure(nameof(Command.AssigneeId), why);
                    }
                }

                var changesHolder = @case.AssigneeId is not null && @case.AssigneeId != command.AssigneeId;
                if (changesHolder && string.IsNullOrWhiteSpace(command.Reason))
                {
                    var takingFromSomeoneElse = @case.AssigneeId != user.AgentId;
                    if (takingFromSomeoneElse)
                    {
                        context.AddFailure(nameof(Command.Reason), $"Give a reason for taking this case from {@case.HolderFirstName}.");
                    }
                    else if (command.AssigneeId is null)
                    {
                        context.AddFailure(nameof(Command.Reason), "Give a reason for putting this case back in the queue.");
                    }
                }
            });
        }

        /// <summary>Why <paramref name="agent"/> may not hold the case, or null when they may.</summary>
        internal static string? IneligibilityReason(Agent agent, AgentTier tier, CaseCategory category, string language)
        {
            if (!agent.CanWork(tier))
            {
                return $"{agent.FirstName} works at {agent.Tier} and cannot hold a case held at {tier}.";
            }

            if (agent.Skills.Count > 0 && !agent.Skills.Contains(category.ToString()))
            {
                return $"{agent.FirstName} does not handle {CaseCategories.Label(category)} cases.";
            }

            var primary = language.Split('-', 2)[0].ToLowerInvariant();
            return agent.Languages.Count > 0 && !agent.Languages.Contains(primary)
                ? $"{agent.FirstName} does not work in the subscriber's language ({primary})."
                : null;
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CaseState>
    {
        public async ValueTask<CaseState> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var actor = await db.ActingAgentAsync(user, cancellationToken);
            var previous = @case.Assignee;
            if (@case.AssigneeId == command.AssigneeId)
            {
                // Already there: a repeated click changes nothing.
                return CaseState.Of(@case, actor);
            }

            var now = clock.UtcNow;
            var statusBefore = @case.Status;
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            Agent? target = null;
            if (command.AssigneeId is { } targetId)
            {
                target = targetId == actor.Id ? actor : await db.Agents.SingleAsync(a => a.Id == targetId, cancellationToken);
                @case.Assign(target, now);
            }
            else
            {
                @case.Unassign(now);
            }

            var what = target is null
                ? $"{@case.DisplayNumber} went back to the {@case.Queue} queue"
                : previous is null ? $"{actor.DisplayName} gave {@case.DisplayNumber} to {target.DisplayName}"
                : $"{actor.DisplayName} moved {@case.DisplayNumber} from {previous.DisplayName} to {target.DisplayName}";
            if (reason is not null)
            {
                @case.AddInternalNote(actor, $"{what}. Reason: {reason}", now);
            }

            if (target is not null && target.Id != actor.Id)
            {
                db.Notifications.Add(Notification.Create(target.Id, @case.Id, "case.assigned",
                    $"{actor.FirstName} gave you case {@case.DisplayNumber}: {@case.Subject}" + (reason is null ? string.Empty : $" (reason: {reason})"), now));
            }

            if (previous is not null && previous.Id != actor.Id)
            {
                db.Notifications.Add(Notification.Create(previous.Id, @case.Id, "case.unassigned",
                    $"{what}" + (reason is null ? "." : $" (reason: {reason})."), now));
            }

            var changes = new List<(string, string?, string?)> { ("assignee", previous?.DisplayName, target?.DisplayName) };
            if (reason is not null)
            {
                changes.Add(("reason", null, reason));
            }

            if (statusBefore != @case.Status)
            {
                changes.Add(("status", statusBefore.ToString(), @case.Status.ToString()));
            }

            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), target is null ? "case.unassigned" : "case.assigned", "case", @case.Id.ToString(), @case.Id, AuditData.Of([.. changes])));
            return CaseState.Of(@case, actor);
        }
    }
}
