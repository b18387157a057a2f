using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>The public status page: open incidents and those resolved in the last week, public updates only.</summary>
public static class ListPublicIncidents
{
    public sealed record Query : IQuery<IReadOnlyList<PublicIncident>>, IAllowAnonymous;

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, IReadOnlyList<PublicIncident>>
    {
        public async ValueTask<IReadOnlyList<PublicIncident>> Handle(Query query, CancellationToken cancellationToken)
        {
            var since = clock.UtcNow - IncidentMatching.RecentWindow;
            var incidents = await db.Incidents.AsNoTracking().Include(i => i.Updates)
                .Where(i => i.Status == IncidentStatus.Open || i.ResolvedAt >= since)
                .OrderBy(i => i.Status).ThenByDescending(i => i.DeclaredAt)
                .Take(50)
                .ToListAsync(cancellationToken);
            return incidents.Select(PublicIncident.Of).ToList();
        }
    }
}
