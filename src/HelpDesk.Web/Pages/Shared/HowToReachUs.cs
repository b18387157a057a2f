using System.Globalization;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Web.Time;

namespace HelpDesk.Web.Pages.Shared;

/// <summary>What the welcome and "Contact us" pages show: channels, staffed hours in the viewer's zone, answer times.</summary>
public sealed record HowToReachUs(string EmailAddress, string ZoneId, IReadOnlyList<SupportChannelHours> Channels)
{
    public static HowToReachUs For(SupportContact support, ViewerTime viewer, IClock clock) =>
        new(support.EmailAddress, viewer.Zone.Id, support.Channels(viewer.Zone, clock.UtcNow));

    public static string Day(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
