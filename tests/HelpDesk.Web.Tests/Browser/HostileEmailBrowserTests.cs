using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 5: a hostile HTML email shown in the agent console runs no script.</summary>
public sealed class HostileEmailBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_hostile_html_email_is_shown_to_the_agent_without_running_any_script()
    {
        var result = await app.Services.IngestAsync(MailBuilder.HostileHtml("Billing Team <billing@phish-browser.example>", "hostile-0001@phish-browser.example"));
        var caseId = result.CaseId.ShouldNotBeNull();

        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await BrowserPages.SignInAsync(page, Demo.Agent1);
        await page.GotoAsync($"/Agent/Cases/Details/{caseId}");

        var html = page.GetByTestId("email-html");
        await html.WaitForAsync();
        (await html.InnerTextAsync()).ShouldContain("Your invoice is overdue.");
        // The link lost its javascript: URL and the div its handler: clicking and hovering do nothing.
        await page.Locator(".email-html a").First.ClickAsync();
        await page.Locator(".email-html div").Last.HoverAsync();
        await page.WaitForTimeoutAsync(500);

        (await page.EvaluateAsync<string?>("() => window.__pwned ?? null")).ShouldBeNull();
        dialogs.ShouldBeEmpty();
        (await html.InnerHTMLAsync()).ShouldNotContain("javascript:", Case.Insensitive);
        (await page.Locator(".email-html script, .email-html svg, .email-html iframe, .email-html form").CountAsync()).ShouldBe(0);
    }
}
