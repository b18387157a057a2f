using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 5: an administrator edits an SLA policy's opening hours with the keyboard only.</summary>
public sealed class AdminSlaBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_administrator_changes_fridays_closing_time_using_only_the_keyboard()
    {
        Guid policyId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            policyId = await db.SlaPolicies.Where(p => p.Priority == CasePriority.Normal && p.Channel == null).Select(p => p.Id).SingleAsync();
        }

        var page = await app.NewPageAsync("Europe/London");
        await BrowserPages.SignInAsync(page, Demo.Admin, keyboard: true);
        await page.GetByRole(AriaRole.Link, new() { Name = "Administration" }).WaitForAsync();

        await page.GotoAsync($"/Admin/Sla/Edit/{policyId}");
        // Monday first: window 5 is Friday 08:00–20:00.
        var fridayCloses = page.GetByLabel("Closes (window 5)");
        (await fridayCloses.InputValueAsync()).ShouldBe("20:00");
        await fridayCloses.FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("18:30");
        await page.Keyboard.PressAsync("Enter");

        await page.Locator("p.flash").Filter(new() { HasText = "Saved" }).WaitForAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var policy = await db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Id == policyId);
            policy.Hours.Single(h => h.Day == DayOfWeek.Friday).Close.ShouldBe(new TimeOnly(18, 30));
            policy.Hours.Single(h => h.Day == DayOfWeek.Thursday).Close.ShouldBe(new TimeOnly(20, 0));
            policy.Holidays.Count.ShouldBe(10);
            (await db.AuditEvents.CountAsync(a => a.Action == "sla_policy.changed" && a.EntityId == policyId.ToString())).ShouldBe(1);
        }
    }
}
