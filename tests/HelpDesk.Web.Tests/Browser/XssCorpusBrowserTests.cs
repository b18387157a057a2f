using System.Net;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Application.Common;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Issue 14, item 4: the hostile-input corpus (Data/xss-payloads.txt, OWASP filter-evasion cases, mutation XSS, SVG,
/// details/ontoggle, javascript: links, CSS, template injection) goes through every text a person or an email can
/// supply and is rendered where staff and subscribers read it. Any script execution fails the test: alert, confirm,
/// prompt and print are hooked before the page's own scripts run, a request to the beacon host or any other host is
/// caught, and every CSP violation, page error or console error is collected. Payloads are batched so that a few
/// page loads carry all of them.
/// </summary>
public sealed class XssCorpusBrowserTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    private static readonly string[] Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Browser", "Data", "xss-payloads.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal))
        .ToArray();

    private const string Hooks = """
        window.__xss = [];
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {
          window[name] = function () { window.__xss.push(name + '(' + Array.from(arguments).join(',') + ') at ' + location.pathname); };
        }
        document.addEventListener('securitypolicyviolation', e => window.__xss.push('CSP ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + location.pathname));
        """;

    [Fact]
    public void The_corpus_has_at_least_100_payloads() => Payloads.Length.ShouldBeGreaterThanOrEqualTo(100);

    /// <summary>Packs payloads into texts of at most <paramref name="max"/> characters (one payload per line).</summary>
    private static List<string> Pack(IEnumerable<string> payloads, int max, string separator = "\n")
    {
        var texts = new List<string>();
        var current = new StringBuilder();
        foreach (var payload in payloads.Select(p => p.Length > max ? p[..max] : p))
        {
            if (current.Length > 0 && current.Length + separator.Length + payload.Length > max)
            {
                texts.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? separator : "").Append(payload);
        }

        if (current.Length > 0)
        {
            texts.Add(current.ToString());
        }

        return texts;
    }

    /// <summary>Payloads a single-line field accepts (those with a tab are refused there, rightly).</summary>
    private static IEnumerable<string> OneLine => Payloads.Where(p => TextInput.Problem(p, multiLine: false) is null);

    private static string EncodedWord(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static string Rfc2231(string text) => "utf-8''" + Uri.EscapeDataString(text);

    private static byte[] HostileEmail(int n, string displayName, string subject, string text, string html, IEnumerable<string> fileNames)
    {
        var sb = new StringBuilder();
        sb.Append("From: ").Append(EncodedWord(displayName)).Append($" <xss{n}@corpus-mail.example>\r\n");
        sb.Append("To: support@helpdesk.example\r\nSubject: ").Append(EncodedWord(subject)).Append("\r\n");
        sb.Append($"Date: Tue, 01 Dec 2026 12:00:00 +0000\r\nMessage-ID: <xss-corpus-{n}-{Guid.NewGuid():N}@corpus-mail.example>\r\n");
        sb.Append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n");
        sb.Append("--mix\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n");
        sb.Append("--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(text), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        sb.Append("--alt\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(html), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n--alt--\r\n");
        foreach (var name in fileNames)
        {
            sb.Append($"--mix\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename*={Rfc2231(name)}\r\n\r\nhello\r\n");
        }

        sb.Append("--mix--\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task No_payload_runs_script_in_any_view_from_any_input()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var agent = await app.SignedInAsync(Demo.Agent1);
        var all = string.Join("\n", Payloads);

        // Case subjects (packed, one line each) and descriptions through the API.
        var subjectCases = new List<string>();
        foreach (var subject in Pack(OneLine, 200, " "))
        {
            var created = await alice.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Billing", description = "See the subject." });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            subjectCases.Add((await created.JsonAsync()).GetProperty("id").GetString()!);
        }

        var big = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Corpus: description and replies", category = "Billing", description = all });
        big.StatusCode.ShouldBe(HttpStatusCode.Created, await big.Content.ReadAsStringAsync());
        var bigCase = (await big.JsonAsync()).GetProperty("id").GetString()!;

        // Replies from the subscriber, a public reply and an internal note from the agent.
        (await alice.PostAsJsonAsync($"/api/v1/cases/{bigCase}/messages", new { body = all })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var reply = await agent.PostAsJsonAsync($"/api/v1/cases/{bigCase}/messages", new { body = all, @internal = false });
        ((int)reply.StatusCode).ShouldBeLessThan(300, await reply.Content.ReadAsStringAsync());
        var note = await agent.PostAsJsonAsync($"/api/v1/cases/{bigCase}/messages", new { body = all, @internal = true });
        ((int)note.StatusCode).ShouldBeLessThan(300, await note.Content.ReadAsStringAsync());

        // Email: subject, display name, plain and HTML body, attachment names.
        var emailCases = new List<Guid>();
        var names = OneLine.Where(p => p.Length <= 100).ToList();
        var subjects = Pack(OneLine, 200, " ");
        for (var i = 0; i < 3; i++)
        {
            var mail = HostileEmail(i, names[i * 7 % names.Count], subjects[i % subjects.Count], all, all, i == 0 ? OneLine.Take(90) : OneLine.Skip(90).Take(90));
            var result = await app.Services.IngestAsync(mail);
            emailCases.Add(result.CaseId.ShouldNotBeNull());
        }

        // Chat: a subscriber's messages and guests' names.
        var chat = await alice.PostAsJsonAsync("/api/v1/chats", new { firstMessage = Payloads[0] });
        chat.StatusCode.ShouldBe(HttpStatusCode.Created, await chat.Content.ReadAsStringAsync());
        var chatId = (await chat.JsonAsync()).GetProperty("chat").GetProperty("id").GetString()!;
        foreach (var text in Pack(Payloads, 2000))
        {
            var sent = await alice.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { clientMessageId = Guid.NewGuid(), text });
            ((int)sent.StatusCode).ShouldBeLessThan(300, await sent.Content.ReadAsStringAsync());
        }

        (await alice.PostAsync($"/api/v1/chats/{chatId}/ask-for-person", null)).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Accepted, HttpStatusCode.NoContent);
        var anonymous = app.CreateClient();
        foreach (var name in names.Take(8))
        {
            var guest = await anonymous.PostAsJsonAsync("/api/v1/chats", new { guestName = name, guestEmail = "guest@corpus.example", firstMessage = name });
            ((int)guest.StatusCode).ShouldBeLessThan(300, await guest.Content.ReadAsStringAsync());
        }

        // Callback topics (portal API) and macros (name and body).
        foreach (var topic in Pack(OneLine, 500, " ").Take(4))
        {
            var callback = await alice.PostAsJsonAsync("/api/v1/callbacks", new
            {
                phone = "+1 212 555 0100", topic, date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), from = "09:00", to = "12:00", timeZone = "America/New_York",
            });
            ((int)callback.StatusCode).ShouldBeLessThan(300, await callback.Content.ReadAsStringAsync());
        }

        var supervisor = await app.SignedInAsync(Demo.Supervisor);
        var macroIds = new List<string>();
        var macroNames = OneLine.Where(p => p.Length <= 100).ToList();
        // Macros refuse unknown {{placeholders}} (rightly); the template-injection payloads go through every other field.
        var bodies = Pack(Payloads.Where(p => !p.Contains("{{", StringComparison.Ordinal)), 5000);
        for (var i = 0; i < bodies.Count; i++)
        {
            var macro = await supervisor.PostAsJsonAsync("/api/v1/macros", new { name = $"{i} {macroNames[i * 11 % macroNames.Count]}"[..Math.Min(100, $"{i} {macroNames[i * 11 % macroNames.Count]}".Length)], body = bodies[i], explanation = bodies[i][..Math.Min(500, bodies[i].Length)] });
            ((int)macro.StatusCode).ShouldBeLessThan(300, await macro.Content.ReadAsStringAsync());
            macroIds.Add((await macro.JsonAsync()).GetProperty("id").GetString()!);
        }

        // Incident text (issue 20): titles, the public description, a public update and an internal note. The scope is
        // empty, so every subscriber is affected and the portal banner shows them too.
        var tier2 = await app.SignedInAsync(Demo.Agent2);
        var incidentIds = new List<string>();
        foreach (var title in Pack(OneLine, 200, " ").Take(3))
        {
            var declared = await tier2.PostAsJsonAsync("/api/v1/incidents", new { title, description = all.Length > 4000 ? all[..4000] : all, severity = "Major" });
            declared.StatusCode.ShouldBe(HttpStatusCode.Created, await declared.Content.ReadAsStringAsync());
            incidentIds.Add((await declared.JsonAsync()).GetProperty("id").GetString()!);
        }

        foreach (var text in Pack(Payloads, 4000).Take(2))
        {
            var update = await tier2.PostAsJsonAsync($"/api/v1/incidents/{incidentIds[0]}/updates", new { body = text, @internal = false });
            ((int)update.StatusCode).ShouldBeLessThan(300, await update.Content.ReadAsStringAsync());
            var internalNote = await tier2.PostAsJsonAsync($"/api/v1/incidents/{incidentIds[0]}/updates", new { body = text, @internal = true });
            ((int)internalNote.StatusCode).ShouldBeLessThan(300, await internalNote.Content.ReadAsStringAsync());
        }

        // The portal form, as a person types it.
        var portalForm = await app.NewPageAsync();
        await BrowserPages.SignInAsync(portalForm, Demo.Alice);
        await portalForm.GotoAsync("/Portal/Cases/New");
        await portalForm.GetByLabel("Subject").FillAsync(OneLine.First(p => p.Length <= 200));
        await portalForm.GetByLabel("Category").SelectOptionAsync("Billing");
        await portalForm.GetByLabel("What happened?").FillAsync(string.Join("\n", Payloads.Take(60)));
        await portalForm.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await portalForm.WaitForURLAsync(url => url.Contains("/Portal/Cases/Details/", StringComparison.Ordinal));
        var portalCase = portalForm.Url.Split('/').Last().Split('?')[0];
        await portalForm.Context.CloseAsync();

        output.WriteLine($"{Payloads.Length} payloads; {subjectCases.Count} subject cases, {emailCases.Count} emails, {bodies.Count} macros, {incidentIds.Count} incidents.");

        // Render everywhere and watch.
        var problems = new List<string>();
        var staff = await WatchedPageAsync(Demo.Agent1, problems);
        await VisitAsync(staff, problems, $"/Agent/Cases/Details/{bigCase}");
        foreach (var emailCase in emailCases)
        {
            await VisitAsync(staff, problems, $"/Agent/Cases/Details/{emailCase}");
        }

        await VisitAsync(staff, problems, $"/Agent/Cases/Details/{portalCase}");
        await VisitAsync(staff, problems, $"/Agent/Cases/Details/{subjectCases[0]}?macro={macroIds[0]}");
        await VisitListAsync(staff, problems, "/Agent/Cases");
        await VisitAsync(staff, problems, "/Agent");
        await VisitAsync(staff, problems, "/Agent/Chats");
        await VisitAsync(staff, problems, $"/Agent/Chats/Chat/{chatId}");
        await VisitAsync(staff, problems, "/Agent/Callbacks");
        await VisitAsync(staff, problems, "/Agent/Macros");
        await VisitAsync(staff, problems, "/Agent/Notifications");
        await VisitAsync(staff, problems, "/Agent/Incidents");
        await VisitAsync(staff, problems, $"/Agent/Incidents/Details/{incidentIds[0]}");

        var subscriber = await WatchedPageAsync(Demo.Alice, problems);
        await VisitAsync(subscriber, problems, $"/Portal/Cases/Details/{bigCase}");
        await VisitAsync(subscriber, problems, $"/Portal/Cases/Details/{portalCase}");
        await VisitListAsync(subscriber, problems, "/Portal/Cases");
        await VisitAsync(subscriber, problems, "/Portal/Callbacks/New");
        await VisitAsync(subscriber, problems, "/status");
        await VisitAsync(subscriber, problems, "/Portal/Cases", async page =>
        {
            // The chat widget rejoins the chat this tab knows (sessionStorage) and replays its transcript with every payload.
            await page.EvaluateAsync("id => sessionStorage.setItem('helpdesk.chat.id', id)", chatId);
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
            await page.Locator("#chat-log li").Nth(3).WaitForAsync();
        });

        problems.ShouldBeEmpty();
    }

    private async Task<IPage> WatchedPageAsync(string email, List<string> problems)
    {
        var page = await app.NewPageAsync();
        var host = new Uri(app.BaseUrl).Authority;
        await page.Context.AddInitScriptAsync(Hooks);
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != host)
            {
                problems.Add($"request to {route.Request.Url} from {page.Url}");
                await route.AbortAsync();
                return;
            }

            await route.ContinueAsync();
        });
        page.Dialog += (_, dialog) =>
        {
            problems.Add($"dialog {dialog.Type} '{dialog.Message}' on {page.Url}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                problems.Add($"console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error on {page.Url}: {error}");
        await BrowserPages.SignInAsync(page, email);
        return page;
    }

    private static async Task VisitAsync(IPage page, List<string> problems, string path, Func<IPage, Task>? act = null)
    {
        var response = await page.GotoAsync(path);
        ((int)(response?.Status ?? 0)).ShouldBeLessThan(400, path);
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (act is not null)
        {
            await act(page);
        }

        // Provoke the handlers a payload might have planted: hover and focus everything (no clicks: links navigate).
        await page.EvaluateAsync("""
            () => { for (const el of document.body.querySelectorAll('*')) {
              for (const type of ['mouseover', 'mouseenter', 'focus', 'animationstart', 'toggle']) el.dispatchEvent(new Event(type));
            } }
            """);
        await page.WaitForTimeoutAsync(200);
        problems.AddRange(await page.EvaluateAsync<string[]>("() => window.__xss || []"));
    }

    private static async Task VisitListAsync(IPage page, List<string> problems, string path)
    {
        await VisitAsync(page, problems, path);
        for (var i = 0; i < 10; i++)
        {
            var next = page.Locator("a[rel=next]");
            if (await next.CountAsync() == 0)
            {
                return;
            }

            var href = await next.First.GetAttributeAsync("href");
            await VisitAsync(page, problems, href.ShouldNotBeNull());
        }
    }
}
