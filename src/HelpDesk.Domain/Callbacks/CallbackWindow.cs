using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Callbacks;

/// <summary>
/// When the subscriber wants to be called, as UTC instants computed from the local date and times they gave and their
/// IANA time zone. Local times that do not exist (the hour skipped when clocks go forward) move forward by the gap;
/// local times that happen twice (the hour repeated when clocks go back) take the earlier instant for the start and
/// the later one for the end, so the window is never shorter than what the subscriber asked for.
/// </summary>
public sealed record CallbackWindow(DateTimeOffset Start, DateTimeOffset End, string TimeZoneId)
{
    public static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(14);

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <exception cref="DomainRuleException">The zone is unknown, the end is not after the start, the window has
    /// passed or it starts too far ahead.</exception>
    public static CallbackWindow FromLocal(DateOnly date, TimeOnly from, TimeOnly to, string timeZoneId, DateTimeOffset now, TimeSpan? horizon = null)
    {
        if (!TryFindTimeZone(timeZoneId, out var zone))
        {
            throw new DomainRuleException("callback.time_zone", $"'{timeZoneId}' is not a time zone we know. Use a name like Europe/London or America/New_York.");
        }

        var start = ToInstant(date.ToDateTime(from), zone, earliest: true);
        var end = ToInstant(date.ToDateTime(to), zone, earliest: false);
        return Create(start, end, zone.Id, now, horizon);
    }

    /// <summary>A window given directly as instants (the IVR API).</summary>
    public static CallbackWindow Create(DateTimeOffset start, DateTimeOffset end, string timeZoneId, DateTimeOffset now, TimeSpan? horizon = null)
    {
        start = start.ToUniversalTime();
        end = end.ToUniversalTime();
        if (end <= start)
        {
            throw new DomainRuleException("callback.window_order", "The end of the time window must be after its start.");
        }

        if (end <= now)
        {
            throw new DomainRuleException("callback.window_past", "This time window has already passed. Choose a time from now on.");
        }

        var limit = horizon ?? DefaultHorizon;
        if (start > now + limit)
        {
            throw new DomainRuleException("callback.window_too_far", $"We can book callbacks up to {limit.TotalDays:0} days ahead. Choose an earlier day.");
        }

        return new CallbackWindow(start, end, timeZoneId);
    }

    /// <summary>The UTC instant of a wall-clock time in <paramref name="zone"/>.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone, bool earliest)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped by a clock change: use the offset in force just before the gap, which lands after it.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local - before, TimeSpan.Zero);
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            var offset = earliest ? offsets.Max() : offsets.Min();
            return new DateTimeOffset(local - offset, TimeSpan.Zero);
        }

        return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }
}
