using System.Globalization;
using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;

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
