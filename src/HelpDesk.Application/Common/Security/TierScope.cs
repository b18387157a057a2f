using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Common.Security;

/// <summary>
/// The tiers a member of staff may work. Tiers are stored by name, so "at or below my tier" must be a set
/// of names: comparing the text in SQL would rank "Supervisor" below "Tier1".
/// </summary>
public static class TierScope
{
    public static IReadOnlyList<AgentTier> UpTo(AgentTier tier) =>
        Enum.GetValues<AgentTier>().Where(t => t <= tier).ToList();
}
