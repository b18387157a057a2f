using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Queues;

/// <summary>Tier filters for queries. Tiers are stored by name, so SQL cannot compare them with &lt; or &gt;.</summary>
public static class AgentTiers
{
    /// <summary>The tiers an agent of <paramref name="tier"/> works: theirs and every one below.</summary>
    public static AgentTier[] UpTo(AgentTier tier) => Enum.GetValues<AgentTier>().Where(t => t <= tier).ToArray();
}
