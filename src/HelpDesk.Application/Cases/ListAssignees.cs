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
    /// <param name="ActiveCases">
    /// The agent's active cases, as the database keeps them (<see cref="AgentWorkload"/>, ADR 0135): one row per agent
    /// instead of counting every agent's cases on every case page.
    /// </param>
    public sealed record Option(Guid Id, string Name, AgentTier Tier, int ActiveCases, int Capacity, bool IsCurrent, bool IsYou)
    {
        public bool AtCapacity => ActiveCases >= Capacity;
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<Option>>
    {
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
            var load = await db.AgentWorkloads
                .Where(w => ids.Contains(w.AgentId))
                .ToDictionaryAsync(w => w.AgentId, w => w.ActiveCases, cancellationToken);
            return eligible
                .OrderBy(a => a.Tier).ThenBy(a => a.FirstName, StringComparer.CurrentCulture).ThenBy(a => a.LastName, StringComparer.CurrentCulture)
                .Select(a => new Option(a.Id, a.DisplayName, a.Tier, load.GetValueOrDefault(a.Id), a.Capacity, a.Id == @case.AssigneeId, a.Id == user.AgentId))
                .ToList();
        }
    }
}
