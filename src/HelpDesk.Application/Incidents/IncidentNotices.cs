using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Starts "notify affected subscribers" for an update: the job only; the notice worker writes the mail in batches.</summary>
public sealed class IncidentNotices(IHelpDeskDb db, IClock clock)
{
    public async Task<IncidentNotice> RequestAsync(Incident incident, IncidentUpdate update, string by, CancellationToken cancellationToken)
    {
        var total = await IncidentMatching.Reachable(IncidentMatching.Affected(db, incident.Scope)).CountAsync(cancellationToken);
        var notice = IncidentNotice.Request(incident.Id, update.Id, total, by, clock.UtcNow);
        db.IncidentNotices.Add(notice);
        return notice;
    }
}
