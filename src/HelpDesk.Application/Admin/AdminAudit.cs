using System.Globalization;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Admin;

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
