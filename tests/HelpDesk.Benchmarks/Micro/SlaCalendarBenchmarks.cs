using BenchmarkDotNet.Attributes;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Cost of computing an SLA deadline, which every command that touches a case pays (the SLA clock refresh).
/// Baseline: the 24/7 calendar (plain addition), measured in the same run. Target: a business-hours deadline
/// across a long weekend with holidays stays within a few microseconds and allocates no more than a few KB,
/// so refreshing deadlines never dominates a command's database round trip (~1 ms).
/// </summary>
[MemoryDiagnoser]
public class SlaCalendarBenchmarks
{
    // Friday evening before a bank-holiday Monday: the clock has to skip Saturday's short day, Sunday and the holiday.
    private static readonly DateTimeOffset FridayEvening = new(2027, 5, 28, 18, 30, 0, TimeSpan.Zero);

    private readonly BusinessCalendar _office = new(
        "Europe/London",
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new BusinessHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0)))
            .Append(new BusinessHours(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(17, 0))),
        [new DateOnly(2027, 5, 31), new DateOnly(2027, 8, 30), new DateOnly(2027, 12, 27)]);

    [Params(8, 60)]
    public int TargetHours { get; set; }

    [Benchmark(Baseline = true)]
    public DateTimeOffset AlwaysOpen() => BusinessCalendar.AlwaysOpen.Add(FridayEvening, TimeSpan.FromHours(TargetHours));

    [Benchmark]
    public DateTimeOffset BusinessHoursDeadline() => _office.Add(FridayEvening, TimeSpan.FromHours(TargetHours));

    [Benchmark]
    public TimeSpan BusinessTimeElapsedOverAWeek() => _office.Between(FridayEvening, FridayEvening.AddDays(7));
}
