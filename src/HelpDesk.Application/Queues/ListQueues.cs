using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Queues;

/// <summary>
/// The queues an agent can work (empty ones too), with what waits in each: open and unassigned cases, the
/// oldest, and how many need attention (SLA warning or breach, or a follow-up promise that came due).
/// </summary>
public static class ListQueues
{
    /// <param name="WithCounts">False: only the queues (names, tiers, descriptions), every count zero — for pickers,
    /// which would otherwise pay for counting every active case.</param>
    public sealed record Query(bool WithCounts = true) : IQuery<IReadOnlyList<QueueSummary>>, IRequireStaff;

    /// <param name="AtRisk">Active cases with an SLA warning or breach, or an overdue follow-up.</param>
    /// <param name="Breached">Active cases past an SLA deadline.</param>
    public sealed record QueueSummary(
        string Name,
        AgentTier Tier,
        int Open,
        int Unassigned,
        DateTimeOffset? OldestCreatedAt,
        string Description = "",
        int AtRisk = 0,
        int Breached = 0);

    // The distinct (queue, tier) pairs of the active cases as a loose index scan: each step asks the index of the active
    // cases, keyed by queue and tier (its predicate repeated here so the planner can use it), for the next pair after the
    // last one — one probe per pair, a few dozen index pages at a million cases (ADR 0120, ADR 0127). The tiers are
    // filtered afterwards: there are only a handful of pairs.
    private const string ActiveQueuesCte = """
        WITH RECURSIVE q(queue, tier) AS (
            (SELECT queue, tier FROM cases WHERE status NOT IN ('Resolved', 'Closed') ORDER BY queue, tier LIMIT 1)
            UNION ALL
            SELECT n.queue, n.tier FROM q CROSS JOIN LATERAL (
                SELECT c.queue, c.tier FROM cases c
                WHERE c.status NOT IN ('Resolved', 'Closed') AND (c.queue, c.tier) > (q.queue, q.tier)
                ORDER BY c.queue, c.tier LIMIT 1) n
        )
        """;

    /// <summary>The same pairs as a JSON array of <c>[queue, tier]</c> (a scalar subquery, for <see cref="Cases.ListCaseFilters"/>).</summary>
    internal static readonly string ActivePairsSql = $"""
        {ActiveQueuesCte}
        SELECT coalesce(json_agg(json_build_array(queue, tier)), '[]') FROM q
        """;

    /// <summary>
    /// The queues, not configured for the caller's tiers, that hold active cases of those tiers (a renamed or removed queue,
    /// so none is forgotten), by name, each with the lowest of its tiers.
    /// </summary>
    internal static IEnumerable<(string Queue, AgentTier Tier)> UnconfiguredHolding(
        IEnumerable<string> configured, IEnumerable<(string Queue, string Tier)> activePairs, IEnumerable<string> tierNames)
    {
        var known = configured.ToHashSet(StringComparer.Ordinal);
        var open = tierNames.ToHashSet(StringComparer.Ordinal);
        return activePairs
            .Where(a => !known.Contains(a.Queue) && open.Contains(a.Tier))
            .Select(a => (a.Queue, Tier: Enum.Parse<AgentTier>(a.Tier)))
            .GroupBy(h => h.Queue).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Min(h => h.Tier)))
            .ToList();
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, IReadOnlyList<QueueSummary>>
    {
        private static readonly string ActiveQueuesSql = $"""
            {ActiveQueuesCte}
            SELECT queue AS "Queue", tier AS "Tier" FROM q
            """;

        private sealed class ActiveQueue
        {
            public string Queue { get; init; } = string.Empty;
            public string Tier { get; init; } = string.Empty;
        }

        /// <summary>The configured queues the caller's tiers can work, compiled once (every list page's queue picker asks).</summary>
        private static readonly Func<DbContext, AgentTier[], IAsyncEnumerable<ConfiguredQueue>> Configured =
            EF.CompileAsyncQuery((DbContext db, AgentTier[] tiers) => db.Set<WorkQueue>().AsNoTracking()
                .Where(q => tiers.Contains(q.Tier))
                .OrderBy(q => q.SortOrder).ThenBy(q => q.Name)
                .Select(q => new ConfiguredQueue { Name = q.Name, Tier = q.Tier, Description = q.Description }));

        private sealed class ConfiguredQueue
        {
            public string Name { get; init; } = string.Empty;
            public AgentTier Tier { get; init; }
            public string Description { get; init; } = string.Empty;
        }

        public async ValueTask<IReadOnlyList<QueueSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tiers = CaseAccess.TiersOpenTo(user);

            var queues = new List<ConfiguredQueue>();
            // IHelpDeskDb is the app's DbContext; the compiled statement takes it as such.
            await foreach (var queue in Configured((DbContext)db, tiers.ToArray()).WithCancellation(cancellationToken))
            {
                queues.Add(queue);
            }

            if (!query.WithCounts)
            {
                // Names only, still listing a queue that is no longer configured but holds active cases the caller may
                // open. The queues holding active cases, with their cases' tiers, come from a skip scan of the active-cases
                // index (one probe per distinct queue and tier, never a scan of the cases).
                var pairs = await db.Database.SqlQueryRaw<ActiveQueue>(ActiveQueuesSql).ToListAsync(cancellationToken);
                var holding = UnconfiguredHolding(queues.Select(q => q.Name), pairs.Select(a => (a.Queue, a.Tier)), tiers.Select(t => t.ToString()));
                return queues.Select(q => new QueueSummary(q.Name, q.Tier, 0, 0, null, q.Description))
                    .Concat(holding.Select(h => new QueueSummary(h.Queue, h.Tier, 0, 0, null)))
                    .ToList();
            }

            var now = clock.UtcNow;
            var atRisk = SlaStandings.AtRisk(now);
            var breached = SlaStandings.Breached(now);
            // Built only here: the pickers (every list page) would build this expression tree for nothing (ADR 0130).
            var active = db.Cases.AsNoTracking()
                .Where(c => tiers.Contains(c.Tier) && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed);
            var counts = await active
                .GroupBy(c => c.Queue)
                .Select(g => new
                {
                    Queue = g.Key,
                    Tier = g.Min(c => c.Tier),
                    Open = g.Count(),
                    Unassigned = g.Count(c => c.AssigneeId == null),
                    Oldest = g.Min(c => (DateTimeOffset?)c.CreatedAt),
                })
                .ToListAsync(cancellationToken);

            // Conditional counts as separate grouped queries: EF cannot put a reusable predicate inside Count().
            var risky = await active.Where(atRisk.Or(c => c.FollowUpDueAt != null && c.FollowUpDueAt <= now))
                .GroupBy(c => c.Queue).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            var late = await active.Where(breached)
                .GroupBy(c => c.Queue).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

            var byQueue = counts.ToDictionary(c => c.Queue, StringComparer.Ordinal);
            var rows = queues.Select(q => byQueue.TryGetValue(q.Name, out var c)
                    ? new QueueSummary(q.Name, q.Tier, c.Open, c.Unassigned, c.Oldest, q.Description, risky.GetValueOrDefault(q.Name), late.GetValueOrDefault(q.Name))
                    : new QueueSummary(q.Name, q.Tier, 0, 0, null, q.Description))
                .ToList();

            // Cases in a queue that is not configured (renamed or removed) still show up, so none is forgotten.
            var known = queues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
            rows.AddRange(counts.Where(c => !known.Contains(c.Queue)).OrderBy(c => c.Queue, StringComparer.Ordinal)
                .Select(c => new QueueSummary(c.Queue, c.Tier, c.Open, c.Unassigned, c.Oldest, string.Empty, risky.GetValueOrDefault(c.Queue), late.GetValueOrDefault(c.Queue))));
            return rows;
        }
    }
}
