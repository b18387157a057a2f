using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Agents;

/// <summary>
/// How many active cases an agent holds now: kept by the database itself (a trigger on <c>cases</c>, ADR 0135) as cases
/// are assigned, handed over, resolved and reopened, by any statement, so a screen reads one number per agent instead of
/// counting the agent's cases. The application only reads it.
/// </summary>
public sealed class AgentWorkload
{
    /// <summary>Statuses that count against an agent's capacity; a case waiting for the subscriber does not.</summary>
    public static readonly IReadOnlyList<CaseStatus> ActiveStatuses = [CaseStatus.New, CaseStatus.Open, CaseStatus.PendingInternal];

    private AgentWorkload()
    {
    }

    public Guid AgentId { get; private set; }

    /// <summary>Cases assigned to the agent whose status is one of <see cref="ActiveStatuses"/>.</summary>
    public int ActiveCases { get; private set; }

    public static bool CountsAgainstCapacity(CaseStatus status) => ActiveStatuses.Contains(status);
}
