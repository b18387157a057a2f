using System.Globalization;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Admin;

/// <summary>A routing rule as administrators see it.</summary>
public sealed record RoutingRuleModel(
    int Id,
    int Position,
    string Name,
    bool Enabled,
    Channel? Channel,
    CaseCategory? Category,
    string? Language,
    CasePriority? MinimumPriority,
    string TargetQueue,
    CasePriority? SetPriority)
{
    public static RoutingRuleModel From(RoutingRule r) =>
        new(r.Id, r.Position, r.Name, r.Enabled, r.Channel, r.Category, r.Language, r.MinimumPriority, r.TargetQueue, r.SetPriority);
}

/// <summary>A queue a rule may send cases to.</summary>
public sealed record QueueChoice(string Name, AgentTier Tier, Channel? Channel, string Description);

/// <summary>Where a new case with these facts would go, and which rule decided it.</summary>
/// <param name="Rule">The deciding rule's name; <c>sensitive-category</c> (built in) or <c>default</c> (the channel's Tier 1 queue).</param>
public sealed record RoutingPreview(AgentTier Tier, string Queue, CasePriority Priority, string Rule, int? RuleId, string Explanation);

/// <summary>A member of staff's work profile and how many active cases they hold now.</summary>
/// <param name="ChatCapacity">Live chats the agent may hold at once (0: takes no chats).</param>
/// <param name="ActiveChats">Live chats the agent holds now.</param>
public sealed record AgentProfileModel(
    Guid Id, string Name, string Email, AgentTier Tier, IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity, int ActiveLoad,
    int ChatCapacity, int ActiveChats);

/// <summary>One opening window as administrators enter it.</summary>
public sealed record HoursInput(DayOfWeek Day, TimeOnly Open, TimeOnly Close);

/// <summary>How many open cases got fresh SLA deadlines.</summary>
public sealed record RecomputeResult(Guid PolicyId, int Updated);

/// <summary>Before/after values for audit events of the admin area, as text.</summary>
internal static class AdminAudit
{
    public static Dictionary<string, string?> Of(RoutingRule r) => new()
    {
        ["name"] = r.Name,
        ["enabled"] = r.Enabled ? "true" : "false",
        ["position"] = r.Position.ToString(CultureInfo.InvariantCulture),
        ["channel"] = r.Channel?.ToString(),
        ["category"] = r.Category?.ToString(),
        ["language"] = r.Language,
        ["minimumPriority"] = r.MinimumPriority?.ToString(),
        ["targetQueue"] = r.TargetQueue,
        ["setPriority"] = r.SetPriority?.ToString(),
    };

    public static Dictionary<string, string?> Of(SlaPolicy p) => new()
    {
        ["name"] = p.Name,
        ["priority"] = p.Priority.ToString(),
        ["channel"] = p.Channel?.ToString(),
        ["firstResponse"] = p.FirstResponse.ToString("c", CultureInfo.InvariantCulture),
        ["nextResponse"] = p.NextResponse.ToString("c", CultureInfo.InvariantCulture),
        ["resolution"] = p.Resolution.ToString("c", CultureInfo.InvariantCulture),
        ["warningPercent"] = p.WarningPercent.ToString(CultureInfo.InvariantCulture),
        ["timeZone"] = p.TimeZoneId,
        ["hours"] = p.Hours.Count == 0
            ? "24/7"
            : string.Join(", ", p.Hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Open)
                .Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Day} {h.Open:HH\\:mm}-{h.Close:HH\\:mm}"))),
        ["holidays"] = string.Join(", ", p.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
    };

    public static Dictionary<string, string?> Of(Agent a) => new()
    {
        ["skills"] = string.Join(", ", a.Skills),
        ["languages"] = string.Join(", ", a.Languages),
        ["capacity"] = a.Capacity.ToString(CultureInfo.InvariantCulture),
        ["chatCapacity"] = a.ChatCapacity.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The fields that differ (all of them when one side is missing), for <see cref="Common.AuditData"/>.</summary>
    public static string Diff(Dictionary<string, string?>? before, Dictionary<string, string?>? after)
    {
        var keys = (before ?? after ?? []).Keys;
        var changes = keys
            .Select(k => (Field: k, From: before?.GetValueOrDefault(k), To: after?.GetValueOrDefault(k)))
            .Where(c => before is null || after is null || c.From != c.To)
            .ToArray();
        return Common.AuditData.Of(changes);
    }
}
