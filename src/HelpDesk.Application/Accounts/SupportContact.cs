using System.Globalization;
using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Accounts;

/// <summary>
/// How subscribers reach support (section <c>HelpDesk:Support</c>): the support address, and per channel its staffed
/// hours and the answer time to expect. The chat's hours are the chat's own (<c>HelpDesk:Chat:StaffedHours</c>), so the
/// welcome text never disagrees with when the chat offers a person. Validated at start-up.
/// </summary>
public sealed class SupportContactOptions
{
    public const string Section = "HelpDesk:Support";

    /// <summary>Where subscribers write; mail to it opens or joins a case.</summary>
    public string EmailAddress { get; set; } = "support@helpdesk.local";

    public ChannelHoursOptions Portal { get; set; } = new() { AnswerTime = TimeSpan.FromHours(24) };

    public ChannelHoursOptions Email { get; set; } = new() { AnswerTime = TimeSpan.FromHours(24) };

    /// <summary>Only the answer time: the chat's hours are <c>HelpDesk:Chat:StaffedHours</c>.</summary>
    public ChannelHoursOptions Chat { get; set; } = new() { AnswerTime = TimeSpan.FromMinutes(5) };

    public ChannelHoursOptions Callback { get; set; } = new()
    {
        Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        Open = "09:00",
        Close = "18:00",
        AnswerTime = TimeSpan.FromHours(4),
    };

    /// <summary>Staffed hours as the chat's are written (IANA zone, day names, HH:mm) and the answer time.</summary>
    public sealed class ChannelHoursOptions
    {
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Days people answer; empty: every day.</summary>
        public List<DayOfWeek> Days { get; set; } = [];

        public string Open { get; set; } = "00:00";

        /// <summary>"24:00": until midnight.</summary>
        public string Close { get; set; } = "24:00";

        /// <summary>How soon a subscriber can expect an answer (or a call) in staffed hours.</summary>
        public TimeSpan AnswerTime { get; set; }

        public ChatStaffedHours ToHours() =>
            new ChatOptions.StaffedHoursOptions { TimeZone = TimeZone, Days = Days, Open = Open, Close = Close }.ToHours();
    }

    public bool IsValid(out string error)
    {
        var problems = new List<string>();
        if (!Common.EmailAddressRules.IsDeliverable(EmailAddress))
        {
            problems.Add("HelpDesk:Support:EmailAddress must be a deliverable address.");
        }

        foreach (var (name, channel) in new[] { ("Portal", Portal), ("Email", Email), ("Chat", Chat), ("Callback", Callback) })
        {
            if (channel.AnswerTime <= TimeSpan.Zero || channel.AnswerTime > TimeSpan.FromDays(30))
            {
                problems.Add($"HelpDesk:Support:{name}:AnswerTime must be more than 0 and at most 30 days.");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(channel.TimeZone ?? string.Empty, out _))
            {
                problems.Add($"HelpDesk:Support:{name}:TimeZone \"{channel.TimeZone}\" is not a known IANA time zone.");
            }

            if (!TimeOnly.TryParseExact(channel.Open, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var open)
                || (channel.Close is not "24:00" && !(TimeOnly.TryParseExact(channel.Close, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var close) && close > open)))
            {
                problems.Add($"HelpDesk:Support:{name}: Open and Close must be HH:mm with Close after Open (24:00 for midnight).");
            }
        }

        error = string.Join(" ", problems);
        return problems.Count == 0;
    }
}

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
