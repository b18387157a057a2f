using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Issue 15, item 4: one way to write a moment. The zone is named once per page (footer) and in each time's tooltip,
/// never after every time; lists a person scans say "in 2 hours" / "5 minutes ago"; scripts use the same zone.
/// </summary>
public sealed partial class TimeFormatTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 15, 0, 0, TimeSpan.Zero);

    private ViewerTime In(string zone)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Cookie = $"{ViewerTime.CookieName}={zone}";
        return new ViewerTime(new HttpContextAccessor { HttpContext = http });
    }

    private IStringLocalizer L => app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void Pages_mail_and_the_assistant_write_a_moment_the_same_way_in_the_persons_zone_across_a_clock_change()
    {
        // 25 Oct 2026 (clocks go back in London at 02:00 BST): 00:30 UTC is 01:30 BST, 03:30 UTC is 03:30 GMT.
        var beforeChange = new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);
        var afterChange = new DateTimeOffset(2026, 10, 25, 3, 30, 0, TimeSpan.Zero);
        using (new CultureScope("en-GB"))
        {
            In("Europe/London").Format(beforeChange).ShouldBe("25 Oct 2026, 01:30");
            In("Europe/London").Format(afterChange).ShouldBe("25 Oct 2026, 03:30");
        }

        HelpDesk.Application.Common.ZonedTime.ForMail(beforeChange, "Europe/London").ShouldBe("Sunday 25 October 2026, 01:30 (Europe/London)");
        HelpDesk.Application.Common.ZonedTime.ForMail(afterChange, "Asia/Tokyo").ShouldBe("Sunday 25 October 2026, 12:30 (Asia/Tokyo)");
        HelpDesk.Application.Common.ZonedTime.ForMessage(afterChange, "America/New_York").ShouldBe("24 Oct 2026, 23:30 (America/New_York)");

        // No zone, an unknown one, or a forged over-long one: UTC, said as such; never an exception.
        HelpDesk.Application.Common.ZonedTime.ForMail(afterChange, null).ShouldBe("Sunday 25 October 2026, 03:30 (UTC)");
        HelpDesk.Application.Common.ZonedTime.ForMail(afterChange, "Mars/Olympus_Mons").ShouldBe("Sunday 25 October 2026, 03:30 (UTC)");
        HelpDesk.Application.Common.ZonedTime.Find(new string('A', 65)).ShouldBeNull();
        In("Mars/Olympus_Mons").Zone.ShouldBe(TimeZoneInfo.Utc);
    }

    [Fact]
    public void The_systems_own_timeline_lines_show_their_times_in_the_viewers_zone()
    {
        using (new CultureScope("en-GB"))
        {
            var madrid = In("Europe/Madrid");
            madrid.InSystemText("SLA breached: first response due 2026-12-06 16:26 UTC.").ShouldBe("SLA breached: first response due 6 Dec 2026, 17:26.");
            madrid.InSystemText("Follow-up promised by Ana for 2026-07-01 23:30 UTC was missed.").ShouldBe("Follow-up promised by Ana for 2 Jul 2026, 01:30 was missed.");
            madrid.InSystemText("No time here.").ShouldBe("No time here.");
            madrid.InSystemText("Not a real day: 2026-13-45 99:99 UTC.").ShouldBe("Not a real day: 2026-13-45 99:99 UTC.");
        }
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo _was = System.Globalization.CultureInfo.CurrentCulture;

        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo(name);

        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = _was;
    }

    [Theory]
    [InlineData(0, 0, 20, "in under a minute")]
    [InlineData(0, 0, -20, "just now")]
    [InlineData(0, 1, 0, "in 1 minute")]
    [InlineData(0, 45, 0, "in 45 minutes")]
    [InlineData(0, -5, 0, "5 minutes ago")]
    [InlineData(2, 0, 0, "in 2 hours")]
    [InlineData(-1, -10, 0, "1 hour ago")]
    [InlineData(-23, 0, 0, "23 hours ago")]
    public void Relative_times_read_as_words(int hours, int minutes, int seconds, string expected) =>
        In("America/New_York").Relative(Now + new TimeSpan(hours, minutes, seconds), Now, L).ShouldBe(expected);

    [Fact]
    public void Days_count_calendar_days_in_the_viewers_zone_and_a_week_away_is_the_moment_itself()
    {
        var newYork = In("America/New_York");
        // 15:00 UTC is 10:00 in New York; 30 hours later is 16:00 the next day there.
        newYork.Relative(Now.AddHours(30), Now, L).ShouldBe("tomorrow, 16:00");
        newYork.Relative(Now.AddHours(-26), Now, L).ShouldBe("yesterday, 08:00");
        newYork.Relative(Now.AddDays(3), Now, L).ShouldBe("in 3 days");
        newYork.Relative(Now.AddDays(-4), Now, L).ShouldBe("4 days ago");
        newYork.Relative(Now.AddDays(9), Now, L).ShouldBe("15 Dec 2026, 10:00");
    }

    [Fact]
    public void The_moment_is_written_once_without_its_zone_and_the_tooltip_names_the_zone_and_that_days_offset()
    {
        var newYork = In("America/New_York");
        newYork.Format(Now).ShouldBe("6 Dec 2026, 10:00");
        newYork.Describe(Now).ShouldBe("6 Dec 2026, 10:00, America/New_York (UTC-05:00)");
        // Summer time: the offset of that day, not today's.
        newYork.Describe(new DateTimeOffset(2026, 7, 1, 15, 0, 0, TimeSpan.Zero)).ShouldBe("1 Jul 2026, 11:00, America/New_York (UTC-04:00)");
        In("UTC").Describe(Now).ShouldBe("6 Dec 2026, 15:00, UTC");
        In("Asia/Tokyo").ZoneLabel.ShouldBe("Asia/Tokyo (UTC+09:00)");
    }

    [Fact]
    public async Task A_page_names_the_zone_once_in_the_footer_and_in_tooltips_and_lists_use_relative_times()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, Demo.Agent1);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Agent/Cases"));

        var footer = FooterZone().Match(html);
        footer.Success.ShouldBeTrue("the footer names the viewer's zone");
        var zone = footer.Groups["zone"].Value;
        // Outside the footer and tooltips (title="…"), the zone's name never follows a time.
        var visible = Regex.Replace(html, "title=\"[^\"]*\"", "");
        Regex.Count(visible, Regex.Escape(zone)).ShouldBe(2, "once in the footer's text, once in its data-time-zone attribute");
        // The queue's "opened" column is relative, with the moment in the tooltip.
        RelativeCell().IsMatch(html).ShouldBeTrue("a relative time with its moment in the tooltip");
    }

    [GeneratedRegex("Times are shown in (?<zone>[A-Za-z_/]+)")]
    private static partial Regex FooterZone();

    [GeneratedRegex("<time datetime=\"[^\"]+\" title=\"\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}, [^\"]+\">(\\d+ (minutes?|hours?|days?) ago|yesterday, \\d{2}:\\d{2}|just now)</time>")]
    private static partial Regex RelativeCell();

    [Theory]
    [InlineData("Asia/Kolkata", 2, false)]
    [InlineData("Asia/Kolkata", 2, true)]
    [InlineData("America/New_York", -30, true)]
    [InlineData("UTC", -400, true)]
    public void The_lists_time_writer_writes_exactly_what_the_local_time_tag_helper_writes(string zone, int hoursFromNow, bool relative)
    {
        // The case list and the timeline write their times through LocalTimeWriter (ADR 0132), the other pages through the
        // tag helper: the same markup and the same encoding (a "+05:30" offset in the tooltip is encoded the same way).
        var clock = new TestClock();
        var writer = new LocalTimeWriter(In(zone), clock, app.Services.GetRequiredService<IStringLocalizer<SharedResource>>());
        var instant = clock.UtcNow.AddHours(hoursFromNow).AddMinutes(7);
        var helper = new LocalTimeTagHelper(writer) { Value = instant, Relative = relative };
        var output = new Microsoft.AspNetCore.Razor.TagHelpers.TagHelperOutput("local-time", [],
            (_, _) => Task.FromResult<Microsoft.AspNetCore.Razor.TagHelpers.TagHelperContent>(new Microsoft.AspNetCore.Razor.TagHelpers.DefaultTagHelperContent()));
        helper.Process(new Microsoft.AspNetCore.Razor.TagHelpers.TagHelperContext([], new Dictionary<object, object>(), "t"), output);

        var fromTagHelper = Html(output);
        var fromWriter = Html(writer.Write(instant, relative));

        fromWriter.ShouldBe(fromTagHelper);
        fromWriter.ShouldStartWith($"<time datetime=\"{instant.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z\" title=\"");
        if (zone == "Asia/Kolkata")
        {
            fromWriter.ShouldContain("Asia/Kolkata (UTC&#x2B;05:30)");
        }

        Html(writer.Write(null)).ShouldBeEmpty();
    }

    private static string Html(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var text = new StringWriter();
        content.WriteTo(text, System.Text.Encodings.Web.HtmlEncoder.Default);
        return text.ToString();
    }
}
