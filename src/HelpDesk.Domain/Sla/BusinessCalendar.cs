using HelpDesk.Domain.Common;
namespace HelpDesk.Domain.Sla;

/// <summary>One opening window on a weekday, in the calendar's local time. <c>Close</c> 00:00 means midnight.</summary>
public sealed record BusinessHours(DayOfWeek Day, TimeOnly Open, TimeOnly Close)
{
    public TimeSpan Length => (Close == TimeOnly.MinValue ? TimeSpan.FromDays(1) : Close.ToTimeSpan()) - Open.ToTimeSpan();
}

/// <summary>
/// When the SLA clock runs: always (24/7) or during weekly business hours in one time zone, except holidays.
/// Local opening times are turned into instants day by day, so daylight-saving changes are honoured.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 3 * 366;

    private readonly TimeZoneInfo _zone;
    private readonly ILookup<DayOfWeek, BusinessHours> _hoursByDay;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(string timeZoneId, IEnumerable<BusinessHours> hours, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(holidays);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            throw new DomainRuleException("sla.unknown_time_zone", $"'{timeZoneId}' is not a known time zone.");
        }

        Hours = hours.OrderBy(h => h.Day).ThenBy(h => h.Open).ToList();
        foreach (var window in Hours)
        {
            if (window.Length <= TimeSpan.Zero)
            {
                throw new DomainRuleException("sla.bad_hours", $"Business hours on {window.Day} must close after they open ({window.Open:HH\\:mm}–{window.Close:HH\\:mm}).");
            }
        }

        foreach (var day in Hours.GroupBy(h => h.Day))
        {
            var ordered = day.ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Open < ordered[i - 1].Close || ordered[i - 1].Close == TimeOnly.MinValue)
                {
                    throw new DomainRuleException("sla.overlapping_hours", $"Business hours on {day.Key} overlap.");
                }
            }
        }

        TimeZoneId = timeZoneId;
        _zone = zone;
        _hoursByDay = Hours.ToLookup(h => h.Day);
        _holidays = [.. holidays];
        Is24x7 = Hours.Count == 0;
    }

    /// <summary>The clock always runs.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new("UTC", [], []);

    public string TimeZoneId { get; }
    public IReadOnlyList<BusinessHours> Hours { get; }
    public IReadOnlyCollection<DateOnly> Holidays => _holidays;
    public bool Is24x7 { get; }

    /// <summary>The instant at which <paramref name="amount"/> of business time has run from <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan amount)
    {
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "Business time to add cannot be negative.");
        }

        if (Is24x7)
        {
            return start + amount;
        }

        var remaining = amount;
        foreach (var (open, close) in OpenWindowsFrom(start))
        {
            var from = open < start ? start : open;
            var available = close - from;
            if (remaining <= available)
            {
                return from + remaining;
            }

            remaining -= available;
        }

        throw new DomainRuleException("sla.calendar_never_open", $"The calendar has no business hours within {MaxDaysSearched} days.");
    }

    /// <summary>How much business time passes between two instants (zero when <paramref name="to"/> is not later).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (Is24x7)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in OpenWindowsFrom(from))
        {
            if (open >= to)
            {
                break;
            }

            var start = open < from ? from : open;
            var end = close > to ? to : close;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>Whether the clock is running at <paramref name="instant"/>.</summary>
    public bool IsOpenAt(DateTimeOffset instant) =>
        Is24x7 || OpenWindowsFrom(instant).TakeWhile(w => w.Open <= instant).Any(w => w.Close > instant);

    /// <summary>Open windows (as UTC instants) that end after <paramref name="from"/>, in order.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> OpenWindowsFrom(DateTimeOffset from)
    {
        // Start a day early: a window that opened "yesterday" local time may still be open.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, _zone).DateTime).AddDays(-1);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (_holidays.Contains(day))
            {
                continue;
            }

            foreach (var window in _hoursByDay[day.DayOfWeek])
            {
                var open = ToInstant(day.ToDateTime(window.Open));
                var close = window.Close == TimeOnly.MinValue
                    ? ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue))
                    : ToInstant(day.ToDateTime(window.Close));
                if (close > from && close > open)
                {
                    yield return (open, close);
                }
            }
        }
    }

    /// <summary>Local wall time to an instant; a time skipped by a DST jump moves to the end of the gap.</summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone), TimeSpan.Zero);
    }
}
