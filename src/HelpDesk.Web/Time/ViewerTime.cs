using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Time;

/// <summary>
/// Shows UTC instants in the viewer's time zone: the profile's zone when signed in, else the zone the
/// browser reported (cookie <c>hd_tz</c>), else UTC.
/// </summary>
public sealed partial class ViewerTime(IHttpContextAccessor accessor)
{
    public const string CookieName = "hd_tz";

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= Resolve();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// The one way a page writes a moment (<see cref="ZonedTime"/>, which mail shares): "6 Dec 2026, 16:26" in the
    /// viewer's zone and locale (24-hour). The zone is named once per page (footer, <see cref="ZoneLabel"/>) and in each
    /// time's tooltip (<see cref="Describe"/>).
    /// </summary>
    public string Format(DateTimeOffset instant) => ZonedTime.ForPage(instant, Zone);

    /// <summary>Only the time of day ("16:26"), for messages of one conversation.</summary>
    public string FormatTimeOfDay(DateTimeOffset instant) => ToLocal(instant).ToString("HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The viewer's zone as the footer names it: "America/New_York (UTC-05:00)", or "UTC".</summary>
    public string ZoneLabel => ZoneAt(DateTimeOffset.UtcNow);

    /// <summary>The tooltip of a time: the moment with its zone and that day's offset ("6 Dec 2026, 16:26, America/New_York (UTC-05:00)").</summary>
    public string Describe(DateTimeOffset instant) => Describe(instant, Format(instant));

    /// <summary><see cref="Describe(DateTimeOffset)"/> for a moment already written by <see cref="Format"/> (not converted and formatted twice).</summary>
    public string Describe(DateTimeOffset instant, string formatted) => formatted + ", " + ZoneAt(instant);

    /// <summary>
    /// How far <paramref name="instant"/> is from <paramref name="now"/> in words ("in 2 hours", "5 minutes ago",
    /// "yesterday"), for lists a person scans; a week or more away, the moment itself.
    /// </summary>
    public string Relative(DateTimeOffset instant, DateTimeOffset now, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var delta = instant - now;
        var future = delta > TimeSpan.Zero;
        var span = delta.Duration();
        if (span < TimeSpan.FromMinutes(1))
        {
            return future ? localizer["in under a minute"] : localizer["just now"];
        }

        if (span < TimeSpan.FromHours(1))
        {
            var minutes = (int)span.TotalMinutes;
            return (future, minutes == 1) switch
            {
                (true, true) => localizer["in 1 minute"],
                (true, false) => localizer["in {0} minutes", minutes],
                (false, true) => localizer["1 minute ago"],
                _ => localizer["{0} minutes ago", minutes],
            };
        }

        if (span < TimeSpan.FromDays(1))
        {
            var hours = (int)span.TotalHours;
            return (future, hours == 1) switch
            {
                (true, true) => localizer["in 1 hour"],
                (true, false) => localizer["in {0} hours", hours],
                (false, true) => localizer["1 hour ago"],
                _ => localizer["{0} hours ago", hours],
            };
        }

        if (span < TimeSpan.FromDays(7))
        {
            var days = (ToLocal(instant).Date - ToLocal(now).Date).Days;
            return days switch
            {
                1 => localizer["tomorrow, {0}", FormatTimeOfDay(instant)],
                -1 => localizer["yesterday, {0}", FormatTimeOfDay(instant)],
                > 0 => localizer["in {0} days", days],
                _ => localizer["{0} days ago", -days],
            };
        }

        return Format(instant);
    }

    /// <summary>
    /// The system's own timeline lines (SLA alerts, missed follow-ups) were written with their times in UTC
    /// ("due 2026-12-06 16:26 UTC"); shown to a person, each such time is written in the viewer's zone like every other.
    /// Only for lines the system wrote: a person's own words are never rewritten.
    /// </summary>
    public string InSystemText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UtcStamp().Replace(text, m =>
            DateTime.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
                ? Format(new DateTimeOffset(utc, TimeSpan.Zero))
                : m.Value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex UtcStamp();

    private string ZoneAt(DateTimeOffset instant)
    {
        if (Zone.Id == "UTC")
        {
            return "UTC";
        }

        var offset = ToLocal(instant).ToString("zzz", CultureInfo.InvariantCulture);
        return $"{Zone.Id} (UTC{offset})";
    }

    /// <summary>
    /// The first instant of <paramref name="day"/> in the viewer's zone (null for no day). Where local midnight does
    /// not exist (a clock change at 00:00, by an hour or by half an hour) the day starts at the first valid quarter hour.
    /// </summary>
    public DateTimeOffset? StartOfDay(DateOnly? day)
    {
        if (day is not { } d)
        {
            return null;
        }

        var local = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    private TimeZoneInfo Resolve()
    {
        var context = accessor.HttpContext;
        var id = context?.User.FindFirst(HelpDeskClaims.TimeZone)?.Value;
        if (string.IsNullOrWhiteSpace(id))
        {
            id = context?.Request.Cookies[CookieName];
        }

        return ZonedTime.Find(id) ?? TimeZoneInfo.Utc;
    }
}
