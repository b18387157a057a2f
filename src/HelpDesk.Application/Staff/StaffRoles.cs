using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Staff;

public static class StaffRoles
{
    public static readonly IReadOnlyList<string> All = [Roles.Agent, Roles.Supervisor, Roles.Admin];

    public static bool IsStaffRole(string? role) => role is not null && All.Contains(role);

    /// <summary>The rule between role and tier: agents Tier 1–3, supervisors the Supervisor tier, administrators none.</summary>
    public static string? TierError(string? role, AgentTier? tier) => role switch
    {
        Roles.Agent when tier is not (AgentTier.Tier1 or AgentTier.Tier2 or AgentTier.Tier3) => "Choose Tier 1, 2 or 3 for an agent.",
        Roles.Supervisor when tier is not (null or AgentTier.Supervisor) => "Supervisors work at the Supervisor tier.",
        Roles.Admin when tier is not null => "Administrators have no tier (they do not work cases).",
        _ => null,
    };

    /// <summary>The tier a person in <paramref name="role"/> holds (supervisors always the Supervisor tier).</summary>
    public static AgentTier? TierFor(string role, AgentTier? tier) => role switch
    {
        Roles.Supervisor => AgentTier.Supervisor,
        Roles.Admin => null,
        _ => tier,
    };

    /// <summary>Highest first, for a person who somehow holds several.</summary>
    public static int Rank(string role) => role switch
    {
        Roles.Admin => 3,
        Roles.Supervisor => 2,
        Roles.Agent => 1,
        _ => 0,
    };
}
