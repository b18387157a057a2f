using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>Deletes a routing rule; cases already placed stay where they are. Administrators only.</summary>
public static class DeleteRoutingRule
{
    public sealed record Command(int Id) : ICommand<Unit>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken) ?? throw AdminErrors.Rule(command.Id);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "routing_rule.deleted", "routing_rule",
                rule.Id.ToString(CultureInfo.InvariantCulture), data: AdminAudit.Diff(AdminAudit.Of(rule), null)));
            db.RoutingRules.Remove(rule);
            return Unit.Value;
        }
    }
}
