using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Moves a routing rule one place earlier or later in the order rules are tried; positions are renumbered
/// 10, 20, 30... so gaps never build up. Administrators only.
/// </summary>
public static class MoveRoutingRule
{
    public enum Direction
    {
        Up,
        Down,
    }

    public sealed record Command(int Id, Direction Move) : ICommand<IReadOnlyList<RoutingRuleModel>>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Move).IsInEnum().WithMessage("Move the rule up or down.");
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, IReadOnlyList<RoutingRuleModel>>
    {
        public async ValueTask<IReadOnlyList<RoutingRuleModel>> Handle(Command command, CancellationToken cancellationToken)
        {
            var rules = await db.RoutingRules.OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
            var index = rules.FindIndex(r => r.Id == command.Id);
            if (index < 0)
            {
                throw AdminErrors.Rule(command.Id);
            }

            var target = command.Move == Direction.Up ? index - 1 : index + 1;
            if (target < 0 || target >= rules.Count)
            {
                throw new DomainRuleException("routing.cannot_move",
                    command.Move == Direction.Up ? "This rule is already tried first." : "This rule is already tried last.");
            }

            var moved = rules[index];
            var before = AdminAudit.Of(moved);
            (rules[index], rules[target]) = (rules[target], rules[index]);
            for (var i = 0; i < rules.Count; i++)
            {
                rules[i].MoveTo((i + 1) * 10);
            }

            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "routing_rule.moved", "routing_rule",
                moved.Id.ToString(CultureInfo.InvariantCulture), data: AdminAudit.Diff(before, AdminAudit.Of(moved))));
            return rules.Select(RoutingRuleModel.From).ToList();
        }
    }
}
