using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>An agent marks a case resolved; the subscriber sees "Resolved".</summary>
public static class ResolveCase
{
    public sealed record Command(Guid CaseId) : ICommand<Result>, ICaseRequest, IRequireStaff;

    public sealed record Result(Guid Id, string Number, CaseStatus Status, DateTimeOffset? ResolvedAt);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, EmailNotifier email) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.Agents.SingleAsync(a => a.Id == user.AgentId, cancellationToken);
            if (@case.Status == CaseStatus.Resolved)
            {
                // A second click changes nothing and says so by returning the same state.
                return new Result(@case.Id, @case.DisplayNumber, @case.Status, @case.ResolvedAt);
            }

            var before = @case.Status;
            var now = clock.UtcNow;
            @case.Resolve(agent, now);
            await email.CaseResolvedAsync(@case, cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.status_changed", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("status", before.ToString(), @case.Status.ToString()))));
            return new Result(@case.Id, @case.DisplayNumber, @case.Status, @case.ResolvedAt);
        }
    }
}
