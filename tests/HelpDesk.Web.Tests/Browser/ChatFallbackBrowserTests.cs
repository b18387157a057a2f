using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The app with chat staffed only tomorrow: a handed-off chat is offered the fallback at once.</summary>
public sealed class AfterHoursBrowserApp : BrowserApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Chat:StaffedHours:TimeZone", "UTC");
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Days:0", DateTime.UtcNow.AddDays(1).DayOfWeek.ToString());
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Open", "00:00");
        builder.UseSetting("HelpDesk:Chat:StaffedHours:Close", "24:00");
    }
}

/// <summary>Issue 7: outside staffed hours the widget offers an email reply (and a callback to subscribers).</summary>
public sealed class ChatFallbackBrowserTests(AfterHoursBrowserApp app) : IClassFixture<AfterHoursBrowserApp>
{
    [Fact]
    public async Task Outside_staffed_hours_the_widget_offers_another_way_and_an_email_reply_ends_the_chat_with_the_case_open()
    {
        var page = await app.NewPageAsync();
        await BrowserPages.SignInAsync(page, Demo.Alice);
        await page.GotoAsync("/Portal/Cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await page.GetByLabel("Your message").FillAsync("I want to talk to a person");
        await page.GetByLabel("Your message").PressAsync("Enter");

        var fallback = page.Locator("#chat-fallback");
        await Assertions.Expect(fallback).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-fallback-text")).ToHaveTextAsync("Our people are not available right now. You can stay in the queue, or choose another way:");
        await Assertions.Expect(page.Locator("#chat-fallback-callback-box")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Reply to me by email" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-status")).ToContainTextAsync("This chat has ended.");
        await Assertions.Expect(page.Locator("#chat-rating-done")).ToContainTextAsync("We will reply by email. Your case stays open.");
        await Assertions.Expect(fallback).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#chat-composer")).ToBeHiddenAsync();
    }
}
