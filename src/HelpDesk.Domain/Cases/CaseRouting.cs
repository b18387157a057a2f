using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Cases;

/// <summary>Where a new case starts: its tier, queue and priority.</summary>
public static class CaseRouting
{
    public sealed record Placement(AgentTier Tier, string Queue, CasePriority Priority, string Rule);

    public static Placement Place(Channel channel, CaseCategory category)
    {
        if (CaseCategories.IsSensitive(category))
        {
            // Safety-sensitive contacts skip the junior tiers entirely (DESIGN §1.2).
            return new Placement(AgentTier.Tier3, QueueFor(channel, AgentTier.Tier3), CasePriority.Urgent, "sensitive-category");
        }

        return new Placement(AgentTier.Tier1, QueueFor(channel, AgentTier.Tier1), CasePriority.Normal, "default");
    }

    /// <summary>Tier 1 queues are per channel (<c>Portal-Tier1</c>); senior tiers share one queue each.</summary>
    public static string QueueFor(Channel channel, AgentTier tier) =>
        tier == AgentTier.Tier1 ? $"{channel}-{tier}" : tier.ToString();
}
