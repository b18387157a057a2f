using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Time;

/// <summary>How long something has waited, in words a person reads at a glance ("3 h 20 min").</summary>
public static class Age
{
    public static string Format(TimeSpan age, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (age < TimeSpan.FromMinutes(1))
        {
            return localizer["under a minute"];
        }

        if (age < TimeSpan.FromHours(1))
        {
            return localizer["{0} min", (int)age.TotalMinutes];
        }

        return age < TimeSpan.FromDays(1)
            ? localizer["{0} h {1} min", (int)age.TotalHours, age.Minutes]
            : localizer["{0} d {1} h", (int)age.TotalDays, age.Hours];
    }
}
