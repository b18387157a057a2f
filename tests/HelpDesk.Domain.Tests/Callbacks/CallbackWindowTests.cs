using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Tests.Callbacks;

public sealed class CallbackWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_local_window_becomes_utc_instants_in_the_subscribers_zone()
    {
        var window = CallbackWindow.FromLocal(new DateOnly(2026, 3, 23), new TimeOnly(9, 0), new TimeOnly(11, 0), "America/New_York", Now);

        // New York is on daylight time (UTC−4) from 8 March 2026.
        window.Start.ShouldBe(new DateTimeOffset(2026, 3, 23, 13, 0, 0, TimeSpan.Zero));
        window.End.ShouldBe(new DateTimeOffset(2026, 3, 23, 15, 0, 0, TimeSpan.Zero));
        window.TimeZoneId.ShouldBe("America/New_York");
    }

    [Fact]
    public void The_same_local_hours_either_side_of_a_clock_change_map_to_different_utc_hours()
    {
        var before = CallbackWindow.FromLocal(new DateOnly(2026, 3, 28), new TimeOnly(10, 0), new TimeOnly(12, 0), "Europe/London", Now);
        var after = CallbackWindow.FromLocal(new DateOnly(2026, 3, 30), new TimeOnly(10, 0), new TimeOnly(12, 0), "Europe/London", Now);

        before.Start.ShouldBe(new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero));
        after.Start.ShouldBe(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_window_across_the_spring_forward_gap_is_an_hour_shorter_and_a_skipped_start_moves_after_the_gap()
    {
        // Europe/London, 29 March 2026: 01:00 local jumps to 02:00.
        var across = CallbackWindow.FromLocal(new DateOnly(2026, 3, 29), new TimeOnly(0, 30), new TimeOnly(3, 0), "Europe/London", Now);
        (across.End - across.Start).ShouldBe(TimeSpan.FromMinutes(90));

        var skipped = CallbackWindow.FromLocal(new DateOnly(2026, 3, 29), new TimeOnly(1, 30), new TimeOnly(4, 0), "Europe/London", Now);
        skipped.Start.ShouldBe(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero)); // 02:30 BST, just after the gap
        skipped.End.ShouldBe(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_repeated_hour_in_autumn_gives_the_widest_window()
    {
        var now = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);

        // America/New_York, 1 November 2026: 02:00 EDT falls back to 01:00 EST, so 01:00–02:00 happens twice.
        var window = CallbackWindow.FromLocal(new DateOnly(2026, 11, 1), new TimeOnly(1, 15), new TimeOnly(1, 45), "America/New_York", now);

        window.Start.ShouldBe(new DateTimeOffset(2026, 11, 1, 5, 15, 0, TimeSpan.Zero)); // first 01:15, EDT
        window.End.ShouldBe(new DateTimeOffset(2026, 11, 1, 6, 45, 0, TimeSpan.Zero)); // second 01:45, EST
    }

    [Theory]
    [InlineData("2026-03-23", "11:00", "09:00", "Europe/London", "callback.window_order")]
    [InlineData("2026-03-23", "10:00", "10:00", "Europe/London", "callback.window_order")]
    [InlineData("2026-03-19", "09:00", "17:00", "Europe/London", "callback.window_past")]
    [InlineData("2026-04-10", "09:00", "17:00", "Europe/London", "callback.window_too_far")]
    [InlineData("2026-03-23", "09:00", "17:00", "Mars/Olympus_Mons", "callback.time_zone")]
    public void Bad_windows_are_refused(string date, string from, string to, string zone, string code)
    {
        var error = Should.Throw<DomainRuleException>(() =>
            CallbackWindow.FromLocal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), zone, Now));
        error.Code.ShouldBe(code);
    }

    [Fact]
    public void A_window_that_has_started_but_not_ended_is_accepted()
    {
        var window = CallbackWindow.FromLocal(new DateOnly(2026, 3, 20), new TimeOnly(8, 0), new TimeOnly(12, 0), "Europe/London", Now);
        window.Start.ShouldBeLessThan(Now);
    }
}
