using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>Creates a routing rule (no <see cref="Command.Id"/>; it goes last) or changes one. Administrators only.</summary>
public static class SaveRoutingRule
{
    public sealed record Command(
        int? Id,
        string Name,
        string TargetQueue,
        Channel? Channel = null,
        CaseCategory? Category = null,
        string? Language = null,
        CasePriority? MinimumPriority = null,
        CasePriority? SetPriority = null) : ICommand<RoutingRuleModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the rule a name that says what it does, such as “Spanish email to Tier 2”.")
                .Must(n => n is null || n.Trim().Length <= RoutingRule.MaxNameLength).WithMessage($"The name must be {RoutingRule.MaxNameLength} characters or fewer.");
            RuleFor(c => c.TargetQueue)
                .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("Choose the queue the rule sends cases to.");
            RuleFor(c => c.Language)
                .Must(l => string.IsNullOrWhiteSpace(l) || RoutingRule.IsLanguageTag(l.Trim()))
                .WithMessage(c => $"“{c.Language}” is not a language tag: use 2 to 8 letters, such as en or es (leave it empty for any language).");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Choose a channel from the list.");
            RuleFor(c => c.Category).IsInEnum().WithMessage("Choose a category from the list.");
            RuleFor(c => c.MinimumPriority).IsInEnum().WithMessage("Choose a priority from the list.");
            RuleFor(c => c.SetPriority).IsInEnum().WithMessage("Choose a priority from the list.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, RoutingRuleModel>
    {
        public async ValueTask<RoutingRuleModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var queueName = command.TargetQueue.Trim();
            var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Name == queueName, cancellationToken)
                ?? throw AdminErrors.Field(nameof(Command.TargetQueue), $"There is no queue called “{queueName}”. Choose one from the list.");
            try
            {
                RoutingRule.EnsureTargetFits(command.Channel, queue);
            }
            catch (DomainRuleException ex)
            {
                throw AdminErrors.Field(nameof(Command.TargetQueue), ex.Message);
            }

            RoutingRule rule;
            Dictionary<string, string?>? before = null;
            string action;
            if (command.Id is { } id)
            {
                rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw AdminErrors.Rule(id);
                before = AdminAudit.Of(rule);
                rule.Change(command.Name, queue.Name, command.Channel, command.Category, command.Language, command.MinimumPriority, command.SetPriority);
                action = "routing_rule.changed";
            }
            else
            {
                var last = await db.RoutingRules.MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0;
                rule = RoutingRule.Create(last + 10, command.Name, queue.Name, command.Channel, command.Category, command.Language, command.MinimumPriority, command.SetPriority);
                db.RoutingRules.Add(rule);
                action = "routing_rule.created";
            }

            // The identity key exists only once the row is saved, and the audit event names it.
            await db.SaveChangesAsync(cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), action, "routing_rule", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                data: AdminAudit.Diff(before, AdminAudit.Of(rule))));
            return RoutingRuleModel.From(rule);
        }
    }
}
