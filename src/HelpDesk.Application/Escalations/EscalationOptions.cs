using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Escalations;

/// <summary>Escalation settings (<c>HelpDesk:Escalation</c>).</summary>
public sealed class EscalationOptions
{
    public const string Section = "HelpDesk:Escalation";

    /// <summary>Agent escalations to this tier or above wait for a supervisor's approval.</summary>
    public AgentTier ApprovalFromTier { get; set; } = AgentTier.Supervisor;

    /// <summary>How soon a subscriber who asked for a supervisor gets an answer.</summary>
    public TimeSpan SupervisorResponseTarget { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Whether an SLA breach moves the case up one tier.</summary>
    public bool EscalateOnSlaBreach { get; set; } = true;

    /// <summary>A case reopened more often than this moves up one tier.</summary>
    public int ReopenThreshold { get; set; } = 2;

    /// <summary>
    /// Categories that go straight to Tier 3 as Urgent. The four safety categories are always sensitive
    /// (DESIGN §1.2); this list can add more, never remove those.
    /// </summary>
    public List<CaseCategory> SensitiveCategories { get; set; } = [];

    public bool IsSensitive(CaseCategory category) => CaseCategories.IsSensitive(category) || SensitiveCategories.Contains(category);
}
