using System.Globalization;
using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Accounts;

/// <summary>The channels a subscriber can use.</summary>
public enum SupportChannel
{
    Portal,
    Email,
    Chat,
    Callback,
}

/// <summary>Staffed time on one or more days of the viewer's week: start day and time, end day and time (viewer's zone).</summary>
public sealed record StaffedWindow(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, bool EndsNextDay);

/// <param name="AlwaysStaffed">Every day, all day: no windows listed.</param>
public sealed record SupportChannelHours(SupportChannel Channel, bool AlwaysStaffed, IReadOnlyList<StaffedWindow> Windows, TimeSpan AnswerTime);

/// <summary>What to show or mail about reaching support, in a given viewer's time zone.</summary>
public sealed class SupportContact(IOptions<SupportContactOptions> options, IOptions<ChatOptions> chat)
{
    public string EmailAddress => options.Value.EmailAddress;

    public IReadOnlyList<SupportChannelHours> Channels(TimeZoneInfo viewer, DateTimeOffset now)
    {
        var o = options.Value;
        return
        [
            Hours(SupportChannel.Portal, o.Portal.ToHours(), o.Portal.AnswerTime, viewer, now),
            Hours(SupportChannel.Email, o.Email.ToHours(), o.Email.AnswerTime, viewer, now),
            Hours(SupportChannel.Chat, chat.Value.StaffedHours.ToHours(), o.Chat.AnswerTime, viewer, now),
            Hours(SupportChannel.Callback, o.Callback.ToHours(), o.Callback.AnswerTime, viewer, now),
        ];
    }

    /// <summary>The staffed hours of the coming week, moved into <paramref name="viewer"/>'s zone and grouped by equal times.</summary>
    public static SupportChannelHours Hours(SupportChannel channel, ChatStaffedHours hours, TimeSpan answerTime, TimeZoneInfo viewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(viewer);
        if (hours.Days.Count == 7 && hours.Open == TimeOnly.MinValue && hours.Close is null)
        {
            return new SupportChannelHours(channel, true, [], answerTime);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(hours.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date);
        var windows = new List<(DayOfWeek Day, TimeOnly Start, TimeOnly End, bool NextDay)>();
        for (var i = 0; i < 7; i++)
        {
            var day = today.AddDays(i);
            if (!hours.Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            var start = ToViewer(day.ToDateTime(hours.Open), zone, viewer);
            var end = ToViewer(hours.Close is { } close ? day.ToDateTime(close) : day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone, viewer);
            windows.Add((start.DayOfWeek, TimeOnly.FromDateTime(start), TimeOnly.FromDateTime(end), end.Date > start.Date));
        }

        var grouped = windows
            .GroupBy(w => (w.Start, w.End, w.NextDay))
            .Select(g => new StaffedWindow(g.Select(w => w.Day).Distinct().OrderBy(d => ((int)d + 6) % 7).ToList(), g.Key.Start, g.Key.End, g.Key.NextDay))
            .OrderBy(w => ((int)w.Days[0] + 6) % 7)
            .ToList();
        return new SupportChannelHours(channel, false, grouped, answerTime);
    }

    private static DateTime ToViewer(DateTime local, TimeZoneInfo from, TimeZoneInfo viewer)
    {
        while (from.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTime(local, from, viewer);
    }

    /// <summary>The same facts as plain English lines, for the welcome email (times in <paramref name="viewer"/>'s zone).</summary>
    public IReadOnlyList<string> EmailLines(TimeZoneInfo viewer, DateTimeOffset now)
    {
        string Name(SupportChannel c) => c switch
        {
            SupportChannel.Portal => "In the portal (open a case under \"Open a case\")",
            SupportChannel.Email => $"By email to {EmailAddress} (each message opens or joins a case)",
            SupportChannel.Chat => "By live chat (\"Chat with us\" on every page; a virtual assistant answers first, a person on request)",
            _ => "By phone: ask us to call you back (\"Request a callback\" in the portal)",
        };

        var lines = Channels(viewer, now).Select(c =>
            $"{Name(c.Channel)} — staffed {(c.AlwaysStaffed ? "every day, all day" : string.Join("; ", c.Windows.Select(Describe)))}; " +
            $"expect {(c.Channel == SupportChannel.Callback ? "a call" : "an answer")} within {Duration(c.AnswerTime)}.").ToList();
        lines.Add($"Times are in your time zone ({viewer.Id}).");
        lines.Add("To follow a case, open \"My cases\" in the portal: each case shows where it is, who holds it and when to expect an answer. You can also reply to any email about a case.");
        return lines;
    }

    public static string Describe(StaffedWindow w) =>
        string.Join(", ", w.Days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d))) + " " +
        w.Start.ToString("HH:mm", CultureInfo.InvariantCulture) + "–" + (w.EndsNextDay && w.End == TimeOnly.MinValue ? "24:00" : w.End.ToString("HH:mm", CultureInfo.InvariantCulture) + (w.EndsNextDay ? " (next day)" : string.Empty));

    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalHours % 24 == 0 ? (span.TotalDays == 1 ? "24 hours" : $"{span.TotalDays:0} days")
        : span.TotalHours >= 1 && span.TotalMinutes % 60 == 0 ? (span.TotalHours == 1 ? "1 hour" : $"{span.TotalHours:0} hours")
        : $"{Math.Max(1, Math.Round(span.TotalMinutes)):0} minutes";
}

/// <summary>Refuses unusable <c>HelpDesk:Support</c> and <c>HelpDesk:Accounts</c> settings at start-up, saying which and why.</summary>
public sealed class AccountSettingsValidation : IValidateOptions<SupportContactOptions>, IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, SupportContactOptions options) =>
        options.IsValid(out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);

    public ValidateOptionsResult Validate(string? name, AccountOptions options) =>
        options.IsValid(out var error) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(error);
}
