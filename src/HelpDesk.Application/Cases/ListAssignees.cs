using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>The staff a case can be given to: tier, skills and language fit, with how busy each one is.</summary>
public static class ListAssignees
{
    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<Option>>, ICaseRequest, IRequireStaff;

    /// <param name="IsCurrent">Holds the case now (listed even if no longer eligible).</param>
    /// <param name="ActiveCases">The agent's active cases, counted up to <see cref="CountedUpTo"/>.</param>
    public sealed record Option(Guid Id, string Name, AgentTier Tier, int ActiveCases, int Capacity, bool IsCurrent, bool IsYou)
    {
        /// <summary>
        /// Active cases are counted up to this many (twice the highest capacity an agent can have): the picker needs "at
        /// capacity" and a number a person reads, and counting an overloaded agent's thousands of cases for every agent on
        /// every case page cost PostgreSQL 20 ms at a million cases.
        /// </summary>
        public const int CountedUpTo = 2 * Agent.MaxCapacity;

        public bool AtCapacity => ActiveCases >= Capacity;

        /// <summary>At least <see cref="CountedUpTo"/>: shown as "100+".</summary>
        public bool CountCapped => ActiveCases >= CountedUpTo;
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
        private static readonly CaseStatus[] Active = [CaseStatus.New, CaseStatus.Open, CaseStatus.PendingInternal];

        public async ValueTask<IReadOnlyList<Option>> Handle(Query query, CancellationToken cancellationToken)
        {
            var @case = await db.Cases.AsNoTracking()
                .Where(c => c.Id == query.CaseId)
                .Select(c => new { c.Tier, c.Category, c.Language, c.AssigneeId })
                .SingleOrDefaultAsync(cancellationToken) ?? throw NotFoundException.Case(query.CaseId);
            // Staff lists are small (tens of people): eligibility is the domain's rule, applied in memory
            // (tiers are stored by name, so they cannot be compared in SQL).
            var staff = await db.Agents.AsNoTracking().Where(a => a.DeactivatedAt == null).ToListAsync(cancellationToken);
            var eligible = staff.Where(a => a.Id == @case.AssigneeId || a.IsEligibleFor(@case.Tier, @case.Category, @case.Language)).ToList();
            var ids = eligible.Select(a => a.Id).ToList();
            var load = await db.Agents.AsNoTracking()
                .Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, Count = db.Cases.Where(c => c.AssigneeId == a.Id && Active.Contains(c.Status)).Take(Option.CountedUpTo).Count() })
                .ToDictionaryAsync(x => x.Id, x => x.Count, cancellationToken);
            return eligible
                .OrderBy(a => a.Tier).ThenBy(a => a.FirstName, StringComparer.CurrentCulture).ThenBy(a => a.LastName, StringComparer.CurrentCulture)
                .Select(a => new Option(a.Id, a.DisplayName, a.Tier, load.GetValueOrDefault(a.Id), a.Capacity, a.Id == @case.AssigneeId, a.Id == user.AgentId))
                .ToList();
        }
    }
}
