using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Issue 14: under the strict Content-Security-Policy the main pages work in Chromium without a single policy
/// violation or console error (an inline handler, style attribute or un-nonced script would show up here).
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string CollectViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
        """;

    private static async Task<(IPage Page, List<string> Problems)> OpenAsync(BrowserApp app, string? email)
    {
        var page = await app.NewPageAsync();
        var problems = new List<string>();
        await page.Context.AddInitScriptAsync(CollectViolations);
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                problems.Add($"console {message.Type} on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error on {page.Url}: {error}");
        if (email is not null)
        {
            await BrowserPages.SignInAsync(page, email);
        }

        return (page, problems);
    }

    private static async Task VisitAsync(IPage page, List<string> problems, string path, Func<IPage, Task>? act = null)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (act is not null)
        {
            await act(page);
        }

        await page.WaitForTimeoutAsync(150);
        var violations = await page.EvaluateAsync<string[]>("() => window.__csp || []");
        problems.AddRange(violations.Select(v => $"CSP violation on {path}: {v}"));
    }

    [Fact]
    public async Task The_main_pages_run_without_any_policy_violation_or_console_error()
    {
        // A styled HTML email with an inline image: its style attributes must be dropped, not refused by the browser.
        const string html = "<html><body><p style=\"color:red\">Hello <b>there</b></p><img src=\"cid:logo@csp.example\" alt=\"logo\"></body></html>";
        var mail = await app.Services.IngestAsync(MailBuilder.HtmlWithInlineImage("Carol <carol@csp.example>", "<logo@csp.example>", html, subject: "Styled mail"));
        var emailCase = mail.CaseId.ShouldNotBeNull();

        var (anonymous, anonymousProblems) = await OpenAsync(app, null);
        await VisitAsync(anonymous, anonymousProblems, "/");
        await VisitAsync(anonymous, anonymousProblems, "/Account/Login");
        await VisitAsync(anonymous, anonymousProblems, "/Account/Register");
        await VisitAsync(anonymous, anonymousProblems, "/Account/ForgotPassword");
        await VisitAsync(anonymous, anonymousProblems, "/Contact");

        var (portal, portalProblems) = await OpenAsync(app, Demo.Alice);
        await VisitAsync(portal, portalProblems, "/Portal/Cases", async page =>
        {
            // The chat widget: open it and let the assistant greet.
            await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
            await page.Locator("#chat-log li[data-author=Assistant]").First.WaitForAsync();
        });
        await VisitAsync(portal, portalProblems, "/Portal/Cases/New");
        await VisitAsync(portal, portalProblems, "/Portal/Callbacks/New");
        await VisitAsync(portal, portalProblems, "/Portal/Account");
        await VisitAsync(portal, portalProblems, "/Portal/Welcome");
        await portal.GotoAsync("/Portal/Cases");
        var firstCase = await portal.Locator("a[href*='/Portal/Cases/Details/']").First.GetAttributeAsync("href");
        await VisitAsync(portal, portalProblems, firstCase.ShouldNotBeNull());

        var (agent, agentProblems) = await OpenAsync(app, Demo.Agent1);
        await VisitAsync(agent, agentProblems, "/Agent");
        await VisitAsync(agent, agentProblems, "/Agent/Cases");
        await VisitAsync(agent, agentProblems, $"/Agent/Cases/Details/{emailCase}", async page =>
        {
            await page.GetByTestId("email-html").WaitForAsync();
            (await page.EvaluateAsync<int>("() => document.querySelector('.email-html img[alt=logo]').naturalWidth")).ShouldBe(1);
        });
        await VisitAsync(agent, agentProblems, "/Agent/Chats");
        await VisitAsync(agent, agentProblems, "/Agent/Callbacks");
        await VisitAsync(agent, agentProblems, "/Agent/Macros");
        await VisitAsync(agent, agentProblems, "/Agent/Notifications");

        var (admin, adminProblems) = await OpenAsync(app, Demo.Admin);
        await VisitAsync(admin, adminProblems, "/Admin");
        await VisitAsync(admin, adminProblems, "/Admin/Mailboxes");
        await VisitAsync(admin, adminProblems, "/Admin/Agents");
        await VisitAsync(admin, adminProblems, "/Admin/Sla");
        await VisitAsync(admin, adminProblems, "/Admin/ChatAssistant");

        // The API reference has its own policy; it must still render.
        var (docs, docsProblems) = await OpenAsync(app, null);
        await VisitAsync(docs, docsProblems, "/scalar/v1", async page => await page.Locator("text=/cases/i").First.WaitForAsync());

        anonymousProblems.Concat(portalProblems).Concat(agentProblems).Concat(adminProblems).Concat(docsProblems).ShouldBeEmpty();
    }
}
