using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Unlink a case from an incident (any staff who may open the case).</summary>
public static class UnlinkIncidentCase
{
    public sealed record Command(Guid IncidentId, Guid CaseId) : ICommand<bool>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var link = await db.IncidentCases.SingleOrDefaultAsync(l => l.IncidentId == command.IncidentId && l.CaseId == command.CaseId, cancellationToken);
            if (link is null)
            {
                return false;
            }

            db.IncidentCases.Remove(link);
            var now = clock.UtcNow;
            var number = await db.Cases.Where(c => c.Id == command.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "incident.case_unlinked", "incident", command.IncidentId.ToString(), command.CaseId,
                AuditData.Of(("case", CaseNumber.Format(number), null))));
            return true;
        }
    }
}
