using HelpDesk.Application;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Chat;
using HelpDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>HelpDesk:Support and HelpDesk:Accounts are checked when the app starts, and the hours read as the viewer's.</summary>
public sealed class AccountSettingsStartupTests
{
    [Fact]
    public async Task Unusable_support_hours_or_link_lifetimes_stop_the_host_at_start_up_naming_the_setting()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpDesk:Support:EmailAddress"] = "not an address",
            ["HelpDesk:Support:Callback:TimeZone"] = "Mars/Olympus",
            ["HelpDesk:Support:Email:Open"] = "18:00",
            ["HelpDesk:Support:Email:Close"] = "09:00",
            ["HelpDesk:Accounts:PasswordResetLinkLifetime"] = "00:00:10",
        });
        // The Application layer binds and checks its settings in one place (ADR 0119).
        builder.Services.AddApplicationOptions().AddAccountSettings();
        using var host = builder.Build();

        // Both sections fail: one OptionsValidationException each, together.
        var error = await Should.ThrowAsync<AggregateException>(() => host.StartAsync());
        var failures = string.Join(" ", error.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures));
        error.InnerExceptions.Count.ShouldBe(2);
        failures.ShouldContain("HelpDesk:Support:EmailAddress");
        failures.ShouldContain("Mars/Olympus");
        failures.ShouldContain("HelpDesk:Support:Email: Open and Close");
        failures.ShouldContain("PasswordResetLinkLifetime");
    }

    [Fact]
    public void Staffed_hours_are_shown_in_the_viewers_zone_even_when_they_cross_midnight_there()
    {
        var hours = new SupportContactOptions.ChannelHoursOptions
        {
            TimeZone = "Europe/Madrid", Days = [DayOfWeek.Monday, DayOfWeek.Tuesday], Open = "09:00", Close = "17:00", AnswerTime = TimeSpan.FromHours(2),
        }.ToHours();
        var monday = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        var sydney = SupportContact.Hours(SupportChannel.Callback, hours, TimeSpan.FromHours(2), TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney"), monday);

        // 09:00–17:00 in Madrid (UTC+1) is 19:00–03:00 the next day in Sydney (UTC+11 in December).
        var window = sydney.Windows.ShouldHaveSingleItem();
        window.Days.ShouldBe([DayOfWeek.Monday, DayOfWeek.Tuesday]);
        window.Start.ShouldBe(new TimeOnly(19, 0));
        window.End.ShouldBe(new TimeOnly(3, 0));
        window.EndsNextDay.ShouldBeTrue();
        SupportContact.Describe(window).ShouldBe("Monday, Tuesday 19:00–03:00 (next day)");

        var always = SupportContact.Hours(SupportChannel.Portal, new ChatOptions.StaffedHoursOptions().ToHours(), TimeSpan.FromDays(1), TimeZoneInfo.Utc, monday);
        always.AlwaysStaffed.ShouldBeTrue();
    }
}
