using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Localization;

/// <summary>Words for incident values (severity, status, update kind, regions, plans, device types); never an enum name.</summary>
public static class IncidentNames
{
    public static string Severity(this IStringLocalizer l, IncidentSeverity severity) => l[severity switch
    {
        IncidentSeverity.Minor => "Minor",
        IncidentSeverity.Major => "Major",
        _ => "Critical",
    }];

    public static string IncidentStatus(this IStringLocalizer l, IncidentStatus status) =>
        l[status == Domain.Incidents.IncidentStatus.Open ? "Open" : "Resolved"];

    public static string UpdateKind(this IStringLocalizer l, IncidentUpdateKind kind) => l[kind switch
    {
        IncidentUpdateKind.Declared => "Declared",
        IncidentUpdateKind.Update => "Public update",
        IncidentUpdateKind.InternalNote => "Internal note",
        _ => "Resolved",
    }];

    public static string Region(this IStringLocalizer l, string region) => l[region switch
    {
        "NorthAmerica" => "North America",
        "LatinAmerica" => "Latin America",
        "Europe" => "Europe",
        "AsiaPacific" => "Asia-Pacific",
        _ => DisplayNames.Words(region),
    }];

    public static string Plan(this IStringLocalizer l, string plan) => l[plan switch
    {
        nameof(SubscriptionPlan.Basic) => "Basic",
        nameof(SubscriptionPlan.Standard) => "Standard",
        nameof(SubscriptionPlan.Premium) => "Premium",
        _ => DisplayNames.Words(plan),
    }];

    public static string DeviceKind(this IStringLocalizer l, string kind) => l[kind switch
    {
        nameof(Domain.Subscribers.DeviceKind.SmartTv) => "Smart TV",
        nameof(Domain.Subscribers.DeviceKind.StreamingStick) => "Streaming stick",
        nameof(Domain.Subscribers.DeviceKind.GameConsole) => "Game console",
        nameof(Domain.Subscribers.DeviceKind.Phone) => "Phone",
        nameof(Domain.Subscribers.DeviceKind.Tablet) => "Tablet",
        nameof(Domain.Subscribers.DeviceKind.Browser) => "Web browser",
        _ => DisplayNames.Words(kind),
    }];
}
