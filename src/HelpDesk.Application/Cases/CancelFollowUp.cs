using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>An agent withdraws a pending follow-up promise (noted internally on the timeline).</summary>
public static class CancelFollowUp
{
    public sealed record Command(Guid CaseId, Guid FollowUpId) : ICommand<FollowUpView>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, FollowUpView>
    {
        public async ValueTask<FollowUpView> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var now = clock.UtcNow;
            var promise = @case.CancelFollowUp(agent, command.FollowUpId, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "followup.cancelled", "follow_up", promise.Id.ToString(), @case.Id,
                AuditData.Of(("status", "Pending", promise.Status.ToString()), ("due_at", promise.DueAt.ToString("O", CultureInfo.InvariantCulture), null))));
            return FollowUpView.From(promise);
        }
    }
}
