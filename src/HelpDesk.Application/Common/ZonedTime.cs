using System.Globalization;

namespace HelpDesk.Application.Common;

/// <summary>
/// The one place a moment becomes words for a person, in their own time zone, 24-hour clock: pages write
/// "6 Dec 2026, 16:26" and name the zone once (footer and tooltip); mail, which has no footer, writes the day in full
/// and names the zone each time ("Sunday 6 December 2026, 16:26 (Europe/London)").
/// </summary>
public static class ZonedTime
{
    public const string PageFormat = "d MMM yyyy, HH:mm";
    public const string MailFormat = "dddd d MMMM yyyy, HH:mm";

    /// <summary>The IANA zone <paramref name="id"/> names, or null for none, an unknown name or one longer than any real zone id.</summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>As a page shows it, in <paramref name="zone"/> and the current culture.</summary>
    public static string ForPage(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(PageFormat, CultureInfo.CurrentCulture);

    /// <summary>In a chat message (the assistant's words): as a page writes it, with the zone named since no footer does.</summary>
    public static string ForMessage(DateTimeOffset instant, string? zoneId)
    {
        var zone = Find(zoneId) ?? TimeZoneInfo.Utc;
        return TimeZoneInfo.ConvertTime(instant, zone).ToString(PageFormat, CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }

    /// <summary>As mail writes it: in the zone <paramref name="zoneId"/> names (UTC when it names none), with the zone.</summary>
    public static string ForMail(DateTimeOffset instant, string? zoneId)
    {
        var zone = Find(zoneId);
        return zone is null
            ? instant.UtcDateTime.ToString(MailFormat, CultureInfo.InvariantCulture) + " (UTC)"
            : TimeZoneInfo.ConvertTime(instant, zone).ToString(MailFormat, CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }
}
