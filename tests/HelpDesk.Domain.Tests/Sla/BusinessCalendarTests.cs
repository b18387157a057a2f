using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Sla;

public sealed class BusinessCalendarTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessCalendar NineToFive(string zone, IEnumerable<DayOfWeek>? days = null, params DateOnly[] holidays) =>
        new(zone, (days ?? Weekdays).Select(d => new BusinessHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0))), holidays);

    private static BusinessCalendar EveryDayNineToFive(string zone) => NineToFive(zone, Enum.GetValues<DayOfWeek>());

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_24x7_calendar_counts_every_hour_of_the_day_and_week()
    {
        var calendar = BusinessCalendar.AlwaysOpen;
        var saturdayNight = Utc(2026, 1, 10, 23);

        calendar.Is24x7.ShouldBeTrue();
        calendar.Add(saturdayNight, TimeSpan.FromHours(30)).ShouldBe(saturdayNight.AddHours(30));
        calendar.Between(saturdayNight, saturdayNight.AddDays(3)).ShouldBe(TimeSpan.FromDays(3));
        calendar.IsOpenAt(saturdayNight).ShouldBeTrue();
    }

    [Fact]
    public void Business_time_stops_overnight_and_over_the_weekend()
    {
        // January: London is on GMT, so local time equals UTC.
        var london = NineToFive("Europe/London");

        london.Add(Utc(2026, 1, 7, 16), TimeSpan.FromHours(3)).ShouldBe(Utc(2026, 1, 8, 11)); // Wednesday 16:00 → Thursday 11:00
        london.Add(Utc(2026, 1, 9, 16), TimeSpan.FromHours(2)).ShouldBe(Utc(2026, 1, 12, 10)); // Friday 16:00 → Monday 10:00
        london.Add(Utc(2026, 1, 10, 12), TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 1, 12, 10)); // from Saturday: Monday's first hour
        london.Add(Utc(2026, 1, 12, 7), TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 1, 12, 10)); // before opening
        london.Between(Utc(2026, 1, 9, 16), Utc(2026, 1, 12, 10)).ShouldBe(TimeSpan.FromHours(2));
        london.Between(Utc(2026, 1, 5, 0), Utc(2026, 1, 12, 0)).ShouldBe(TimeSpan.FromHours(40));
        london.IsOpenAt(Utc(2026, 1, 10, 12)).ShouldBeFalse();
        london.IsOpenAt(Utc(2026, 1, 12, 9)).ShouldBeTrue();
        london.IsOpenAt(Utc(2026, 1, 12, 17)).ShouldBeFalse();
    }

    [Fact]
    public void Holidays_are_skipped_entirely()
    {
        var london = NineToFive("Europe/London", holidays: [new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]);

        // Thursday 24 Dec 16:00 + 2h: Christmas (Fri), the weekend and the bank holiday Monday pass → Tuesday 29 Dec 10:00.
        london.Add(Utc(2026, 12, 24, 16), TimeSpan.FromHours(2)).ShouldBe(Utc(2026, 12, 29, 10));
        london.Between(Utc(2026, 12, 24, 0), Utc(2026, 12, 30, 0)).ShouldBe(TimeSpan.FromHours(16));
        london.IsOpenAt(Utc(2026, 12, 25, 12)).ShouldBeFalse();
        london.Holidays.ShouldBe(new[] { new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28) }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("Europe/London", 10)]
    [InlineData("America/New_York", 15)]
    [InlineData("Asia/Tokyo", 1)]
    public void The_same_local_hours_are_different_instants_in_each_zone(string zone, int expectedUtcHour)
    {
        var calendar = NineToFive(zone);
        var sundayNoonUtc = Utc(2026, 1, 4, 12); // Sunday 07:00 in New York, Sunday 21:00 in Tokyo

        // One business hour after Monday's local opening (09:00 GMT = 09:00Z, 09:00 EST = 14:00Z, 09:00 JST = 00:00Z).
        calendar.Add(sundayNoonUtc, TimeSpan.FromHours(1)).ShouldBe(Utc(2026, 1, 5, expectedUtcHour));
        calendar.TimeZoneId.ShouldBe(zone);
    }

    [Fact]
    public void At_one_instant_London_is_open_while_New_York_and_Tokyo_are_closed()
    {
        var mondayNoonUtc = Utc(2026, 1, 5, 12);

        NineToFive("Europe/London").IsOpenAt(mondayNoonUtc).ShouldBeTrue();
        NineToFive("America/New_York").IsOpenAt(mondayNoonUtc).ShouldBeFalse(); // 07:00 local
        NineToFive("Asia/Tokyo").IsOpenAt(mondayNoonUtc).ShouldBeFalse(); // 21:00 local
        NineToFive("America/New_York").IsOpenAt(Utc(2026, 1, 5, 14)).ShouldBeTrue();
        NineToFive("Asia/Tokyo").IsOpenAt(Utc(2026, 1, 5, 0)).ShouldBeTrue();
    }

    [Theory]
    // London springs forward on Sunday 29 March 2026: 09:00–17:00 BST is 08:00Z–16:00Z; the Saturday before is still GMT.
    [InlineData("Europe/London", 2026, 3, 29, 8, 2026, 3, 28, 9)]
    // New York springs forward on Sunday 8 March 2026: 09:00–17:00 EDT is 13:00Z–21:00Z; the Saturday before is EST (14:00Z).
    [InlineData("America/New_York", 2026, 3, 8, 13, 2026, 3, 7, 14)]
    // London falls back on Sunday 25 October 2026: 09:00 GMT is 09:00Z; the Saturday before is BST (08:00Z).
    [InlineData("Europe/London", 2026, 10, 25, 9, 2026, 10, 24, 8)]
    // New York falls back on Sunday 1 November 2026: 09:00 EST is 14:00Z; the Saturday before is EDT (13:00Z).
    [InlineData("America/New_York", 2026, 11, 1, 14, 2026, 10, 31, 13)]
    public void A_nine_to_five_day_on_a_DST_change_is_still_eight_hours_at_the_right_instants(
        string zone, int year, int month, int day, int opensAtUtc, int dayBeforeYear, int dayBeforeMonth, int dayBefore, int dayBeforeOpensAtUtc)
    {
        var calendar = EveryDayNineToFive(zone);
        var changeDay = Utc(year, month, day, 0);
        var opens = changeDay.AddHours(opensAtUtc);

        calendar.Between(changeDay, changeDay.AddDays(1)).ShouldBe(TimeSpan.FromHours(8));
        calendar.Add(changeDay, TimeSpan.FromMinutes(1)).ShouldBe(opens.AddMinutes(1));
        calendar.Add(changeDay, TimeSpan.FromHours(8)).ShouldBe(opens.AddHours(8));
        calendar.IsOpenAt(opens.AddMinutes(-1)).ShouldBeFalse();
        calendar.IsOpenAt(opens).ShouldBeTrue();
        calendar.IsOpenAt(opens.AddHours(8)).ShouldBeFalse();

        var previous = Utc(dayBeforeYear, dayBeforeMonth, dayBefore, 0);
        calendar.Add(previous, TimeSpan.FromMinutes(1)).ShouldBe(previous.AddHours(dayBeforeOpensAtUtc).AddMinutes(1));
        calendar.Between(previous, previous.AddDays(1)).ShouldBe(TimeSpan.FromHours(8));
    }

    [Fact]
    public void A_window_spanning_the_night_of_a_DST_change_counts_the_hours_that_really_pass()
    {
        var nights = new BusinessCalendar("Europe/London", [new BusinessHours(DayOfWeek.Sunday, new TimeOnly(0, 0), new TimeOnly(6, 0))], []);

        // 00:00 GMT → 06:00 BST: one hour is skipped, so five hours pass (00:00Z–05:00Z).
        nights.Between(Utc(2026, 3, 28, 12), Utc(2026, 3, 29, 12)).ShouldBe(TimeSpan.FromHours(5));
        nights.Add(Utc(2026, 3, 28, 12), TimeSpan.FromHours(5)).ShouldBe(Utc(2026, 3, 29, 5));
        // 00:00 BST → 06:00 GMT: one hour repeats, so seven hours pass (23:00Z Saturday – 06:00Z).
        nights.Between(Utc(2026, 10, 24, 12), Utc(2026, 10, 25, 12)).ShouldBe(TimeSpan.FromHours(7));
        nights.Add(Utc(2026, 10, 24, 12), TimeSpan.Zero).ShouldBe(Utc(2026, 10, 24, 23));
    }

    [Fact]
    public void A_window_that_opens_inside_the_skipped_hour_opens_when_the_clocks_resume()
    {
        var calendar = new BusinessCalendar("Europe/London", [new BusinessHours(DayOfWeek.Sunday, new TimeOnly(1, 30), new TimeOnly(3, 0))], []);

        // 01:30 does not exist on 29 March 2026; the window runs 02:00 BST (01:00Z) – 03:00 BST (02:00Z).
        calendar.Between(Utc(2026, 3, 29, 0), Utc(2026, 3, 30, 0)).ShouldBe(TimeSpan.FromHours(1));
        calendar.Add(Utc(2026, 3, 29, 0), TimeSpan.FromMinutes(30)).ShouldBe(Utc(2026, 3, 29, 1, 30));
    }

    [Fact]
    public void A_window_closing_at_midnight_runs_to_the_end_of_the_local_day()
    {
        var evenings = new BusinessCalendar("Asia/Tokyo", [new BusinessHours(DayOfWeek.Friday, new TimeOnly(18, 0), TimeOnly.MinValue)], []);

        // Friday 18:00–24:00 JST is 09:00Z–15:00Z.
        evenings.Between(Utc(2026, 1, 9, 0), Utc(2026, 1, 10, 0)).ShouldBe(TimeSpan.FromHours(6));
        evenings.Add(Utc(2026, 1, 9, 14), TimeSpan.FromHours(2)).ShouldBe(Utc(2026, 1, 16, 10));
    }

    public static TheoryData<string> Calendars => ["london-weekdays", "new-york-long-days", "tokyo-lunch-break"];

    private static BusinessCalendar Named(string name) => name switch
    {
        "london-weekdays" => NineToFive("Europe/London", holidays: [new DateOnly(2026, 4, 3), new DateOnly(2026, 12, 25)]),
        "new-york-long-days" => new BusinessCalendar(
            "America/New_York",
            Weekdays.Select(d => new BusinessHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0)))
                .Append(new BusinessHours(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(14, 0))),
            [new DateOnly(2026, 7, 3)]),
        _ => new BusinessCalendar(
            "Asia/Tokyo",
            Weekdays.SelectMany(d => new[] { new BusinessHours(d, new TimeOnly(9, 0), new TimeOnly(12, 0)), new BusinessHours(d, new TimeOnly(13, 0), new TimeOnly(18, 0)) }),
            []),
    };

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Measuring_the_business_time_added_gives_back_the_amount(string name)
    {
        var calendar = Named(name);
        var random = new Random(20261123);
        for (var i = 0; i < 400; i++)
        {
            // Any minute of 2026, so both DST changes and the holidays are crossed.
            var start = Utc(2026, 1, 1, 0).AddMinutes(random.Next(0, 365 * 24 * 60));
            var amount = TimeSpan.FromMinutes(random.Next(0, 80 * 60));

            var end = calendar.Add(start, amount);

            end.ShouldBeGreaterThanOrEqualTo(start);
            calendar.Between(start, end).ShouldBe(amount, $"from {start:O} adding {amount}");
        }
    }

    [Theory]
    [MemberData(nameof(Calendars))]
    public void Adding_the_business_time_between_two_instants_lands_on_the_later_one_when_it_is_open(string name)
    {
        var calendar = Named(name);
        var random = new Random(4);
        var checkedOpen = 0;
        for (var i = 0; i < 600; i++)
        {
            var from = Utc(2026, 1, 1, 0).AddMinutes(random.Next(0, 365 * 24 * 60));
            var to = from.AddMinutes(random.Next(1, 10 * 24 * 60));
            var between = calendar.Between(from, to);

            between.ShouldBeLessThanOrEqualTo(to - from);
            if (between == TimeSpan.Zero)
            {
                continue;
            }

            var back = calendar.Add(from, between);
            if (calendar.IsOpenAt(to) && calendar.IsOpenAt(to.AddMinutes(-1)))
            {
                back.ShouldBe(to, $"from {from:O} to {to:O}");
                checkedOpen++;
            }
            else
            {
                // The end falls when the clock is stopped: the time is used up at the close of the last window before it.
                back.ShouldBeLessThanOrEqualTo(to);
                calendar.IsOpenAt(back).ShouldBeFalse();
            }
        }

        checkedOpen.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Time_measured_backwards_is_zero_and_negative_time_cannot_be_added()
    {
        var london = NineToFive("Europe/London");

        london.Between(Utc(2026, 1, 6, 12), Utc(2026, 1, 5, 12)).ShouldBe(TimeSpan.Zero);
        Should.Throw<ArgumentOutOfRangeException>(() => london.Add(Utc(2026, 1, 6, 12), TimeSpan.FromHours(-1)))
            .Message.ShouldContain("cannot be negative");
    }

    [Fact]
    public void Hours_that_close_before_they_open_are_refused_naming_the_day_and_the_times()
    {
        var error = Should.Throw<DomainRuleException>(() =>
            new BusinessCalendar("Europe/London", [new BusinessHours(DayOfWeek.Monday, new TimeOnly(17, 0), new TimeOnly(9, 0))], []));

        error.Code.ShouldBe("sla.bad_hours");
        error.Message.ShouldBe("Business hours on Monday must close after they open (17:00–09:00).");
    }

    [Fact]
    public void Hours_that_open_and_close_at_the_same_time_are_refused()
    {
        Should.Throw<DomainRuleException>(() =>
                new BusinessCalendar("Europe/London", [new BusinessHours(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(9, 0))], []))
            .Code.ShouldBe("sla.bad_hours");
    }

    [Fact]
    public void Overlapping_windows_on_one_day_are_refused()
    {
        var error = Should.Throw<DomainRuleException>(() => new BusinessCalendar(
            "Europe/London",
            [new BusinessHours(DayOfWeek.Friday, new TimeOnly(9, 0), new TimeOnly(13, 0)), new BusinessHours(DayOfWeek.Friday, new TimeOnly(12, 0), new TimeOnly(17, 0))],
            []));

        error.Code.ShouldBe("sla.overlapping_hours");
        error.Message.ShouldBe("Business hours on Friday overlap.");
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_by_name()
    {
        var error = Should.Throw<DomainRuleException>(() => NineToFive("Mars/Olympus_Mons"));

        error.Code.ShouldBe("sla.unknown_time_zone");
        error.Message.ShouldBe("'Mars/Olympus_Mons' is not a known time zone.");
    }

    [Fact]
    public void A_calendar_whose_only_days_are_all_holidays_says_it_is_never_open()
    {
        var mondays = Enumerable.Range(0, 4 * 53).Select(w => new DateOnly(2026, 1, 5).AddDays(7 * w)).ToArray();
        var calendar = NineToFive("Europe/London", [DayOfWeek.Monday], mondays);

        Should.Throw<DomainRuleException>(() => calendar.Add(Utc(2026, 1, 1, 0), TimeSpan.FromHours(1)))
            .Code.ShouldBe("sla.calendar_never_open");
    }
}
