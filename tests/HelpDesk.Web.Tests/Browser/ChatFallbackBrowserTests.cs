using HelpDesk.Domain.Chat;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_subscriber_takes_the_callback_a_bad_number_is_explained_without_losing_what_was_typed_and_the_callback_lands_on_the_same_case()
    {
        var page = await app.NewPageAsync();
        await BrowserPages.SignInAsync(page, Demo.Alice);
        await page.GotoAsync("/Portal/Cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await page.GetByLabel("Your message").FillAsync("I want to talk to a person");
        await page.GetByLabel("Your message").PressAsync("Enter");

        await Assertions.Expect(page.Locator("#chat-fallback")).ToBeVisibleAsync();
        await page.Locator("#chat-fallback-callback-box summary").ClickAsync();
        var day = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("#chat-cb-phone").FillAsync("020 7946 0018");
        await page.Locator("#chat-cb-date").FillAsync(day);
        await page.Locator("#chat-cb-from").FillAsync("10:00");
        await page.Locator("#chat-cb-to").FillAsync("12:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the callback" }).ClickAsync();

        // The validator's own words, in the widget; the chat goes on and everything typed is still there.
        await Assertions.Expect(page.Locator("#chat-fallback-error")).ToContainTextAsync("Start the number with + and the country code");
        await Assertions.Expect(page.Locator("#chat-fallback")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-cb-phone")).ToHaveValueAsync("020 7946 0018");
        await Assertions.Expect(page.Locator("#chat-cb-date")).ToHaveValueAsync(day);
        await Assertions.Expect(page.Locator("#chat-cb-from")).ToHaveValueAsync("10:00");
        await Assertions.Expect(page.Locator("#chat-cb-to")).ToHaveValueAsync("12:30");

        await page.Locator("#chat-cb-phone").FillAsync("+44 20 7946 0018");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request the callback" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-status")).ToContainTextAsync("This chat has ended.");
        await Assertions.Expect(page.Locator("#chat-rating-done")).ToContainTextAsync("We will call you back in the window you chose.");
        await Assertions.Expect(page.Locator("#chat-fallback")).ToBeHiddenAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var chat = await db.ChatConversations.AsNoTracking()
            .Where(c => c.FallbackChoice == ChatFallbackChoice.Callback).OrderByDescending(c => c.CreatedAt).FirstAsync();
        var callbacks = await db.Callbacks.AsNoTracking().Where(c => c.CaseId == chat.CaseId).ToListAsync();
        var callback = callbacks.ShouldHaveSingleItem();
        callback.Phone.ShouldBe("+442079460018");
        callback.TimeZoneId.ShouldBe("America/New_York");
        callback.SubscriberId.ShouldBe(chat.SubscriberId);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        TimeZoneInfo.ConvertTime(callback.WindowStart, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture).ShouldBe($"{day} 10:00");
        TimeZoneInfo.ConvertTime(callback.WindowEnd, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture).ShouldBe("12:30");
        (await db.Cases.AsNoTracking().CountAsync(c => c.Id == chat.CaseId)).ShouldBe(1);
    }
}
