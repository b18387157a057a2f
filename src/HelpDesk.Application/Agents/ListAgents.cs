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
        /// <summary>Compiled once: the case list's assignee picker asks on every view.</summary>
        private static readonly Func<DbContext, IAsyncEnumerable<AgentSummary>> Active =
            EF.CompileAsyncQuery((DbContext db) => db.Set<Domain.Agents.Agent>().AsNoTracking().Where(a => a.DeactivatedAt == null)
                .Select(a => new AgentSummary(a.Id, a.FirstName + " " + a.LastName, a.Tier)));

        public async ValueTask<IReadOnlyList<AgentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            // A deactivated person is given no work (issue 19).
            var agents = new List<AgentSummary>();
            // IHelpDeskDb is the app's DbContext; the compiled statement takes it as such.
            await foreach (var agent in Active((DbContext)db).WithCancellation(cancellationToken))
            {
                agents.Add(agent);
            }

            return InPickerOrder(agents);
        }
    }

    /// <summary>The pickers' order: by tier, then by name in the reader's culture (also <see cref="Cases.ListCaseFilters"/>).</summary>
    internal static List<AgentSummary> InPickerOrder(IEnumerable<AgentSummary> agents) =>
        agents.OrderBy(a => a.Tier).ThenBy(a => a.Name, StringComparer.CurrentCulture).ToList();
}
