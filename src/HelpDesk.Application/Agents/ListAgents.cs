using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Agents;

/// <summary>Staff by tier and name, for pickers such as the case list's assignee filter.</summary>
public static class ListAgents
{
    public sealed record Query : IQuery<IReadOnlyList<AgentSummary>>, IRequireStaff;

    public sealed record AgentSummary(Guid Id, string Name, AgentTier Tier);

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<AgentSummary>>
    {
        public async ValueTask<IReadOnlyList<AgentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            // A deactivated person is given no work (issue 19).
            var agents = await db.Agents.AsNoTracking().Where(a => a.DeactivatedAt == null)
                .Select(a => new AgentSummary(a.Id, a.FirstName + " " + a.LastName, a.Tier))
                .ToListAsync(cancellationToken);
            return agents.OrderBy(a => a.Tier).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
        }
    }
}
