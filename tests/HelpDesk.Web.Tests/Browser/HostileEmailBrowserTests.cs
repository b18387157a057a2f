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

    [Fact]
    public async Task A_content_id_with_quotes_and_markup_stays_an_identifier_and_runs_no_script()
    {
        // Issue 14: the case page used to swap cid: references into sanitized HTML by string replacement, so this
        // Content-ID closed the img tag and the text after it became live attributes (onload ran for every agent).
        const string html = "<html><body><p>See the screenshot:</p>"
            + "<p><img src=\"cid:\">x\"@y\" onload=\"window.__pwned='cid-onload'\" onerror=\"window.__pwned='cid-onerror'\" title=\"</p>"
            + "<p><img src=\"cid:&quot;&gt;x&quot;@y\" alt=\"screenshot\"></p></body></html>";
        var result = await app.Services.IngestAsync(MailBuilder.HtmlWithInlineImage("Mallory <mallory@cid-browser.example>", "<\">x\"@y>", html));
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
        var shown = page.GetByTestId("email-html");
        await shown.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForTimeoutAsync(300);

        (await page.EvaluateAsync<string?>("() => window.__pwned ?? null")).ShouldBeNull();
        dialogs.ShouldBeEmpty();
        // The quote and ">" stayed inside the identifier: no element of the email has an event handler attribute.
        (await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.email-html *')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length")).ShouldBe(0);
        // The reference by its (escaped) Content-ID still shows the stored copy, loaded from the app itself.
        var src = await page.Locator(".email-html img[alt=screenshot]").GetAttributeAsync("src");
        src.ShouldNotBeNull().ShouldStartWith($"/attachments/{caseId}/");
        (await page.EvaluateAsync<int>("() => document.querySelector('.email-html img[alt=screenshot]').naturalWidth")).ShouldBe(1);
    }

    [Fact]
    public async Task Remote_images_in_an_email_load_only_after_the_agent_asks()
    {
        const string html = "<html><body><p>Newsletter</p><img src=\"http://beacon.example/track.png?u=42\" alt=\"pixel\">"
            + "<div style=\"background-image:url(http://beacon.example/bg.png)\">styled</div>"
            + "<img src=\"//beacon.example/protocol-relative.png\"><img src=\"/Account/Logout\"></body></html>";
        var result = await app.Services.IngestAsync(MailBuilder.HtmlWithInlineImage("News <news@remote-images.example>", "<unused@x>", html, subject: "Tracking pixel"));
        var caseId = result.CaseId.ShouldNotBeNull();

        var page = await app.NewPageAsync();
        var beacons = new List<string>();
        await page.RouteAsync("http://beacon.example/**", async route =>
        {
            beacons.Add(route.Request.Url);
            await route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = Convert.FromBase64String(MailBuilder.TinyPngBase64) });
        });
        await BrowserPages.SignInAsync(page, Demo.Agent1);
        await page.GotoAsync($"/Agent/Cases/Details/{caseId}");
        await page.GetByTestId("email-html").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        beacons.ShouldBeEmpty();
        (await page.Locator(".email-html img[alt=pixel]").GetAttributeAsync("src")).ShouldBeNull();
        (await page.Locator(".email-html img[alt=pixel]").GetAttributeAsync("data-remote-src")).ShouldBe("http://beacon.example/track.png?u=42");
        (await page.GetByTestId("email-html").InnerHTMLAsync()).ShouldNotContain("/Account/Logout");

        await page.GetByTestId("show-remote-images").ClickAsync();
        await page.Locator(".email-html img[alt=pixel][src]").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.Locator(".email-html img[alt=pixel]").GetAttributeAsync("src")).ShouldBe("http://beacon.example/track.png?u=42");
        beacons.ShouldContain("http://beacon.example/track.png?u=42");
    }
}
