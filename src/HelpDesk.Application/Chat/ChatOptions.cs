using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

/// <summary>Live-chat settings (<c>HelpDesk:Chat</c>, ADR 0106).</summary>
public sealed class ChatOptions
{
    public const string Section = "HelpDesk:Chat";

    /// <summary>A queued chat nobody accepted for this long is offered a callback or an email reply.</summary>
    public TimeSpan OfferFallbackAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often this node's chat sweeper offers the fallback to chats that waited too long; 0 turns it off here.</summary>
    public int SweepIntervalSeconds { get; set; } = 15;

    /// <summary>Chats a new agent may hold at once (each agent's own number is <c>Agent.ChatCapacity</c>, set by administrators).</summary>
    public int AgentCapacity { get; set; } = Agent.DefaultChatCapacity;

    /// <summary>The estimated wait per "round" when no chat was accepted recently.</summary>
    public TimeSpan DefaultWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many recent accepted chats the median wait is taken over.</summary>
    public int WaitSampleSize { get; set; } = 20;

    public StaffedHoursOptions StaffedHours { get; set; } = new();

    /// <summary>The chat capacity new agents start with, within 0–<see cref="Agent.MaxChatCapacity"/>.</summary>
    public int DefaultAgentChatCapacity => Math.Clamp(AgentCapacity, 0, Agent.MaxChatCapacity);

    public sealed class StaffedHoursOptions
    {
        /// <summary>IANA time zone the hours are in.</summary>
        public string TimeZone { get; set; } = "UTC";

        /// <summary>Days people answer (English day names); empty: every day.</summary>
        public List<DayOfWeek> Days { get; set; } = [];

        /// <summary>Opening time, HH:mm.</summary>
        public string Open { get; set; } = "00:00";

        /// <summary>Closing time, HH:mm; "24:00": until midnight.</summary>
        public string Close { get; set; } = "24:00";

        public ChatStaffedHours ToHours()
        {
            var days = Days.Count == 0 ? Enum.GetValues<DayOfWeek>().ToHashSet() : Days.ToHashSet();
            var open = TimeOnly.TryParse(Open, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : TimeOnly.MinValue;
            TimeOnly? close = Close is "24:00" or "" || !TimeOnly.TryParse(Close, System.Globalization.CultureInfo.InvariantCulture, out var c) ? null : c;
            return new ChatStaffedHours(string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone, days, open, close);
        }
    }
}
