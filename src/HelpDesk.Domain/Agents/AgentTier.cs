namespace HelpDesk.Domain.Agents;

/// <summary>Support tiers, lowest first; the numeric order is the order of authority.</summary>
public enum AgentTier
{
    Tier1 = 1,
    Tier2 = 2,
    Tier3 = 3,
    Supervisor = 4,
}
