using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>The subscriber context panel (case and chat pages): open and recent incidents affecting the case's subscriber.</summary>
public static class GetCaseIncidents
{
    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<IncidentSummary>>, ICaseRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, IReadOnlyList<IncidentSummary>>
    {
        public async ValueTask<IReadOnlyList<IncidentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsStaff())
            {
                throw NotFoundException.Case(query.CaseId);
            }

            var subscriberId = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.SubscriberId).SingleAsync(cancellationToken);
            return Summaries(await IncidentMatching.ForSubscriberAsync(db, subscriberId, clock.UtcNow, openOnly: false, withUpdates: false, cancellationToken));
        }
    }

    internal static IReadOnlyList<IncidentSummary> Summaries(IEnumerable<Domain.Incidents.Incident> incidents) =>
        incidents.Select(i => new IncidentSummary(i.Id, i.Title, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt, i.DeclaredAt, 0)).ToList();
}
