using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 16: an agent finds an ignored email by reason on "Ignored mail", makes it a case once, and adds another to a case.</summary>
public sealed class IgnoredMailBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_agent_filters_ignored_mail_by_reason_and_makes_a_case_once_or_adds_one_to_a_case()
    {
        var auto = await app.Services.IngestAsync(MailBuilder.Text("Nora Quist <nora@ignored-browser.example>", "Out of office: streaming question",
            "Back Monday. PS: my TV app keeps logging me out!", extraHeaders: "Auto-Submitted: auto-replied"));
        var list = await app.Services.IngestAsync(MailBuilder.Text("Weekly News <news@list-browser.example>", "This week in streaming", "Ten new films.",
            extraHeaders: "List-Id: Streaming news <news.list-browser.example>"));

        var page = await app.NewPageAsync();
        await BrowserPages.SignInAsync(page, Demo.Agent1);
        await page.GotoAsync("/Agent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ignored mail" }).ClickAsync();
        await page.GetByLabel("Reason").SelectOptionAsync(new SelectOptionValue { Label = "Automatic reply" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        var row = page.Locator($"tr[data-ignored='{auto.InboundEmailId}']");
        await row.WaitForAsync();
        (await row.GetByTestId("reason").InnerTextAsync()).ShouldBe("Automatic reply");
        (await page.Locator($"tr[data-ignored='{list.InboundEmailId}']").CountAsync()).ShouldBe(0, "filtered by reason");
        (await page.ContentAsync()).ShouldNotContain(">AutoReply<");

        await row.GetByRole(AriaRole.Button, new() { Name = "Make it a case" }).ClickAsync();
        var flash = page.Locator("p.flash[role=status]");
        await flash.WaitForAsync();
        (await flash.InnerTextAsync()).ShouldContain("was opened from the email");
        (await page.Locator($"tr[data-ignored='{auto.InboundEmailId}']").GetByTestId("handled").InnerTextAsync()).ShouldContain("HD-");
        (await page.Locator($"tr[data-ignored='{auto.InboundEmailId}'] button").CountAsync()).ShouldBe(0, "no second case from the same email");

        await page.GotoAsync("/Agent/Email/Ignored?reason=Bulk");
        var listRow = page.Locator($"tr[data-ignored='{list.InboundEmailId}']");
        (await listRow.GetByTestId("reason").InnerTextAsync()).ShouldBe("Mailing list or bulk mail");
        await listRow.GetByLabel("Add to case").FillAsync("HD-000001");
        await listRow.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await page.Locator("p.flash[role=status]").WaitForAsync();
        (await page.Locator("p.flash[role=status]").InnerTextAsync()).ShouldContain("added to case HD-000001");
        (await page.GetByRole(AriaRole.Link, new() { Name = "Download raw message" }).CountAsync()).ShouldBeGreaterThan(0);
    }
}
