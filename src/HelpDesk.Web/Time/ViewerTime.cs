using System.Globalization;
using HelpDesk.Application.Common.Security;

namespace HelpDesk.Web.Time;

/// <summary>
/// Shows UTC instants in the viewer's time zone: the profile's zone when signed in, else the zone the
/// browser reported (cookie <c>hd_tz</c>), else UTC.
/// </summary>
public sealed class ViewerTime(IHttpContextAccessor accessor)
{
    public const string CookieName = "hd_tz";

    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= Resolve();

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public string Format(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var abbreviation = Zone.Id == "UTC" ? "UTC" : local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.ToString("d MMM yyyy, HH:mm", CultureInfo.CurrentCulture) + " " + (Zone.Id == "UTC" ? "UTC" : $"({Zone.Id}, UTC{abbreviation})");
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

        return !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.Utc;
    }
}
