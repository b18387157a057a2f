using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;

namespace HelpDesk.Domain.Cases;

/// <summary>Where a new case starts: its tier, queue and priority.</summary>
public static class CaseRouting
{
    /// <summary>Places a case by the built-in safety rule, then the configured rules, then the channel's Tier 1 queue.</summary>
    /// <param name="queueTier">Tier of a queue by name; rules naming an unknown queue are skipped.</param>
    public static Placement Place(
        Channel channel,
        CaseCategory category,
        string language = "en",
        CasePriority priority = CasePriority.Normal,
        IEnumerable<RoutingRule>? rules = null,
        Func<string, AgentTier?>? queueTier = null)
    {
        if (CaseCategories.IsSensitive(category))
        {
            // Safety-sensitive contacts skip the junior tiers entirely (DESIGN §1.2); no rule can override this.
            return new Placement(AgentTier.Tier3, QueueFor(channel, AgentTier.Tier3), CasePriority.Urgent, "sensitive-category");
        }

        foreach (var rule in (rules ?? []).OrderBy(r => r.Position))
        {
            if (!rule.Matches(channel, category, language, priority) || queueTier?.Invoke(rule.TargetQueue) is not { } tier)
            {
                continue;
            }

            var newPriority = rule.SetPriority is { } raised && raised > priority ? raised : priority;
            return new Placement(tier, rule.TargetQueue, newPriority, rule.Name);
        }

        return new Placement(AgentTier.Tier1, QueueFor(channel, AgentTier.Tier1), priority, "default");
    }

    /// <summary>Tier 1 queues are per channel (<c>Portal-Tier1</c>, <c>Callback-Tier1</c>); senior tiers share one queue each.</summary>
    public static string QueueFor(Channel channel, AgentTier tier) =>
        tier != AgentTier.Tier1 ? tier.ToString() : channel == Channel.Phone ? "Callback-Tier1" : $"{channel}-{tier}";
}
