using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Time;

/// <summary>A <c>datetime-local</c> field read as a wall-clock time in the viewer's zone (incident times, follow-up promises).</summary>
internal static class LocalInput
{
    /// <returns>False (with a message on <paramref name="key"/>) when the time does not exist in the viewer's zone.</returns>
    public static bool TryToUtc(DateTime? local, ViewerTime time, ModelStateDictionary modelState, string key, IStringLocalizer l, out DateTimeOffset? utc)
    {
        utc = null;
        if (local is not { } value)
        {
            return true;
        }

        var wallClock = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (time.Zone.IsInvalidTime(wallClock))
        {
            modelState.AddModelError(key, l["{0} does not exist in {1} (the clocks change then). Choose another time.",
                wallClock.ToString("d MMM HH:mm", CultureInfo.CurrentCulture), time.Zone.Id]);
            return false;
        }

        utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wallClock, time.Zone), TimeSpan.Zero);
        return true;
    }

    /// <summary>The value for a <c>datetime-local</c> field showing <paramref name="instant"/> in the viewer's zone.</summary>
    public static DateTime? ToLocal(DateTimeOffset? instant, ViewerTime time) =>
        instant is { } i ? DateTime.SpecifyKind(time.ToLocal(i).DateTime, DateTimeKind.Unspecified) : null;
}
