using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Staff;
using HelpDesk.Domain.Agents;
using HelpDesk.Web.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Staff;

/// <summary>Role and tier as one choice on the staff forms ("Agent:Tier2", "Supervisor", "Admin"), and their words.</summary>
public static class StaffPageText
{
    public static string Value(string role, AgentTier? tier) => role == Roles.Agent ? $"{role}:{tier}" : role;

    public static (string Role, AgentTier? Tier) Parse(string? value)
    {
        var parts = (value ?? string.Empty).Split(':', 2);
        return (parts[0], parts.Length == 2 && Enum.TryParse<AgentTier>(parts[1], out var tier) && Enum.IsDefined(tier) ? tier : null);
    }

    public static string Position(this IStringLocalizer l, string role, AgentTier? tier) => role switch
    {
        Roles.Admin => l["Administrator"],
        Roles.Supervisor => l["Supervisor"],
        _ => l["Agent, {0}", l.Tier(tier)],
    };

    public static string StaffStatus(this IStringLocalizer l, StaffStatus status) => l[status switch
    {
        Application.Staff.StaffStatus.Active => "Active",
        Application.Staff.StaffStatus.Invited => "Invited",
        _ => "Deactivated",
    }];

    public static IEnumerable<SelectListItem> Positions(IStringLocalizer l) =>
    [
        new(l.Position(Roles.Agent, AgentTier.Tier1), Value(Roles.Agent, AgentTier.Tier1)),
        new(l.Position(Roles.Agent, AgentTier.Tier2), Value(Roles.Agent, AgentTier.Tier2)),
        new(l.Position(Roles.Agent, AgentTier.Tier3), Value(Roles.Agent, AgentTier.Tier3)),
        new(l.Position(Roles.Supervisor, AgentTier.Supervisor), Roles.Supervisor),
        new(l.Position(Roles.Admin, null), Roles.Admin),
    ];
}
