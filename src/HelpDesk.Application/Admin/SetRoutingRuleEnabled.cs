using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>Switches a routing rule on or off (a disabled rule keeps its place but matches nothing). Administrators only.</summary>
public static class SetRoutingRuleEnabled
{
    public sealed record Command(int Id, bool Enabled) : ICommand<RoutingRuleModel>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, RoutingRuleModel>
    {
        public async ValueTask<RoutingRuleModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken) ?? throw AdminErrors.Rule(command.Id);
            if (rule.Enabled != command.Enabled)
            {
                var before = AdminAudit.Of(rule);
                if (command.Enabled)
                {
                    rule.Enable();
                }
                else
                {
                    rule.Disable();
                }

                db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "routing_rule.changed", "routing_rule",
                    rule.Id.ToString(CultureInfo.InvariantCulture), data: AdminAudit.Diff(before, AdminAudit.Of(rule))));
            }

            return RoutingRuleModel.From(rule);
        }
    }
}
