using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Queues;

/// <summary>The queues an agent can work, with how many open cases wait in each and the oldest one.</summary>
public static class ListQueues
{
    public sealed record Query : IQuery<IReadOnlyList<QueueSummary>>, IRequireStaff;

    public sealed record QueueSummary(string Name, AgentTier Tier, int Open, int Unassigned, DateTimeOffset? OldestCreatedAt);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<QueueSummary>>
    {
        public async ValueTask<IReadOnlyList<QueueSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tier = user.Tier ?? AgentTier.Tier1;
            var rows = await db.Cases.AsNoTracking()
                .Where(c => c.Tier <= tier && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .GroupBy(c => new { c.Queue, c.Tier })
                .Select(g => new QueueSummary(
                    g.Key.Queue, g.Key.Tier, g.Count(), g.Count(c => c.AssigneeId == null), g.Min(c => (DateTimeOffset?)c.CreatedAt)))
                .ToListAsync(cancellationToken);
            return rows.OrderBy(r => r.Tier).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
    }
}
