namespace HelpDesk.Domain.Chat;

/// <summary>
/// When people answer chats: on <see cref="Days"/>, from <see cref="Open"/> to <see cref="Close"/> in <see cref="TimeZoneId"/>
/// (Close 24:00 is written as <c>null</c>: until midnight). The default is always staffed.
/// </summary>
public sealed record ChatStaffedHours(string TimeZoneId, IReadOnlySet<DayOfWeek> Days, TimeOnly Open, TimeOnly? Close)
{
    public static readonly ChatStaffedHours Always = new("UTC", Enum.GetValues<DayOfWeek>().ToHashSet(), TimeOnly.MinValue, null);

    public bool IsStaffed(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (!Days.Contains(local.DayOfWeek))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return time >= Open && (Close is not { } close || time < close);
    }
}

/// <summary>How long a queued chat is expected to wait (ADR 0106).</summary>
public static class ChatWaitEstimate
{
    /// <summary>The median of the recent queued → accepted waits, or <paramref name="fallback"/> when there are none.</summary>
    public static TimeSpan Median(IReadOnlyList<TimeSpan> recentWaits, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(recentWaits);
        if (recentWaits.Count == 0)
        {
            return fallback;
        }

        var sorted = recentWaits.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>median × ceil(position / max(1, agents with a free chat slot)).</summary>
    public static TimeSpan For(int position, int freeAgents, TimeSpan median)
    {
        var rounds = (int)Math.Ceiling(Math.Max(1, position) / (double)Math.Max(1, freeAgents));
        return median * rounds;
    }
}
