using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 15, item 7, with JavaScript: the red Delete button asks in a dialog; "Cancel" keeps the rule, "OK" deletes it once.</summary>
public sealed class DestructiveActionBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Deleting_a_routing_rule_asks_in_a_dialog_and_cancel_keeps_it()
    {
        var api = await app.SignedInAsync(Demo.Admin);
        var created = await api.PostAsJsonAsync("/api/v1/admin/routing-rules/", new { name = "Dialog rule", channel = "Email", targetQueue = "Tier2" });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var page = await app.NewPageAsync("Europe/London");
        await BrowserPages.SignInAsync(page, Demo.Admin);
        await page.GotoAsync("/Admin/RoutingRules");
        var delete = page.Locator("tr[data-rule='Dialog rule']").GetByRole(AriaRole.Button, new() { Name = "Delete" });
        (await delete.GetAttributeAsync("class")).ShouldBe("danger");

        var questions = new List<string>();
        void Dismiss(object? sender, IDialog dialog)
        {
            questions.Add(dialog.Message);
            _ = dialog.DismissAsync();
        }

        page.Dialog += Dismiss;
        await delete.ClickAsync();
        await page.WaitForTimeoutAsync(500);
        page.Dialog -= Dismiss;
        questions.ShouldBe(["Delete the routing rule “Dialog rule”?"]);
        (await ExistsAsync(id)).ShouldBeTrue("cancel keeps the rule");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await delete.ClickAsync();
        await page.Locator("p.flash").Filter(new() { HasText = "Rule deleted." }).WaitForAsync();
        (await ExistsAsync(id)).ShouldBeFalse();
        // One question, one click: no confirmation page in between.
        (await page.Locator("[data-testid=confirm]").CountAsync()).ShouldBe(0);
    }

    private async Task<bool> ExistsAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().RoutingRules.AnyAsync(r => r.Id == id);
    }
}
