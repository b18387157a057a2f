using HelpDesk.Domain.Common;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

public sealed class NotificationsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_supervisor_follows_the_unread_badge_to_the_alert_marks_everything_read_and_opens_the_case()
    {
        Guid caseId;
        string number;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var maria = await db.Agents.SingleAsync(a => a.Email == Demo.Supervisor);
            var target = await db.Cases.OrderBy(c => c.CreatedAt).FirstAsync();
            (caseId, number) = (target.Id, target.DisplayNumber);
            db.Notifications.Add(Notification.Create(maria.Id, caseId, "sla.breached", $"SLA breached: first response on {number}", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var page = await app.NewPageAsync();
        await BrowserPages.SignInAsync(page, Demo.Supervisor);

        var badge = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Notifications, \d+ unread$") });
        await badge.WaitForAsync();
        await badge.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var alert = page.Locator("li.notification.unread", new() { HasText = $"SLA breached: first response on {number}" });
        await alert.WaitForAsync();
        (await alert.Locator("time").GetAttributeAsync("datetime")).ShouldNotBeNull();
        (await alert.Locator("time").GetAttributeAsync("title") ?? "").ShouldContain("Europe/Rome"); // her profile's zone wins over the browser's

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "marked read" }).WaitForAsync();
        (await page.GetByTestId("unread-count").InnerTextAsync()).ShouldBe("0 unread");
        (await page.GetByTestId("notifications-link").GetAttributeAsync("aria-label")).ShouldBe("Notifications");
        (await page.Locator("li.notification.unread").CountAsync()).ShouldBe(0);

        await page.Locator("li.notification", new() { HasText = number }).GetByRole(AriaRole.Link, new() { Name = $"Open case {number}" }).ClickAsync();
        await page.GetByTestId("case-number").WaitForAsync();
        (await page.GetByTestId("case-number").InnerTextAsync()).ShouldBe(number);
        page.Url.ShouldEndWith($"/Agent/Cases/Details/{caseId}");
    }
}
