using HelpDesk.Domain.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Sla;

/// <summary>Response and resolution targets for one priority (optionally one channel), on a calendar.</summary>
public sealed class SlaPolicy
{
    public const int DefaultWarningPercent = 80;
    public const int MaxNameLength = 200;

    private BusinessCalendar? _calendar;

    private SlaPolicy()
    {
        Name = TimeZoneId = string.Empty;
        Hours = [];
        Holidays = [];
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public CasePriority Priority { get; private set; }

    /// <summary>When set, the policy applies only to cases from this channel (it wins over a channel-less one).</summary>
    public Channel? Channel { get; private set; }

    public TimeSpan FirstResponse { get; private set; }
    public TimeSpan NextResponse { get; private set; }
    public TimeSpan Resolution { get; private set; }

    /// <summary>Share of a target after which the sweeper raises a warning.</summary>
    public int WarningPercent { get; private set; }

    public string TimeZoneId { get; private set; }

    /// <summary>Empty means 24/7.</summary>
    public List<BusinessHours> Hours { get; private set; }

    public List<DateOnly> Holidays { get; private set; }

    public BusinessCalendar Calendar => _calendar ??= new BusinessCalendar(TimeZoneId, Hours, Holidays);

    public static SlaPolicy Create(
        string name,
        CasePriority priority,
        TimeSpan firstResponse,
        TimeSpan nextResponse,
        TimeSpan resolution,
        BusinessCalendar? calendar = null,
        int warningPercent = DefaultWarningPercent,
        Channel? channel = null)
    {
        var policy = new SlaPolicy { Id = Guid.CreateVersion7(), Priority = priority, Channel = channel };
        policy.Change(name, firstResponse, nextResponse, resolution, calendar ?? BusinessCalendar.AlwaysOpen, warningPercent);
        return policy;
    }

    /// <summary>
    /// Changes targets and calendar. Cases pick the change up the next time they change (ADR 0003), or when an
    /// administrator recomputes the open ones.
    /// </summary>
    public void Change(string name, TimeSpan firstResponse, TimeSpan nextResponse, TimeSpan resolution, BusinessCalendar calendar, int warningPercent)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        name = name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new DomainRuleException("sla.bad_name", $"An SLA policy needs a name of 1 to {MaxNameLength} characters.");
        }

        if (firstResponse <= TimeSpan.Zero || nextResponse <= TimeSpan.Zero || resolution <= TimeSpan.Zero)
        {
            throw new DomainRuleException("sla.bad_target", "SLA targets must be longer than zero.");
        }

        if (warningPercent is < 1 or > 99)
        {
            throw new DomainRuleException("sla.bad_warning", "The warning point must be between 1% and 99% of the target.");
        }

        Name = name;
        FirstResponse = firstResponse;
        NextResponse = nextResponse;
        Resolution = resolution;
        WarningPercent = warningPercent;
        TimeZoneId = calendar.TimeZoneId;
        Hours = [.. calendar.Hours];
        Holidays = [.. calendar.Holidays.Order()];
        _calendar = calendar;
    }

    /// <summary>The policy for a case: a channel-specific one for its priority first, else the priority's general one.</summary>
    public static SlaPolicy? Select(IEnumerable<SlaPolicy> policies, CasePriority priority, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(policies);
        var candidates = policies.Where(p => p.Priority == priority).ToList();
        return candidates.FirstOrDefault(p => p.Channel == channel) ?? candidates.FirstOrDefault(p => p.Channel is null);
    }

    public TimeSpan WarningPoint(TimeSpan target) => TimeSpan.FromTicks(target.Ticks / 100 * WarningPercent);
}

/// <summary>How a case stands against one SLA target.</summary>
public enum SlaState
{
    Ok,
    Warning,
    Breached,
}
