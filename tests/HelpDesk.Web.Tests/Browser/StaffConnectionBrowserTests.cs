using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.Playwright;

using static HelpDesk.Web.Tests.Browser.BrowserPages;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// A staff page opens exactly one SignalR connection (issue 18): the live console (queues, presence, notifications,
/// approvals) and the staff side of chat share <c>/hubs/agent</c>. Counted by the negotiate requests (every transport
/// starts with one) and by the WebSockets the page opens.
/// </summary>
public sealed class StaffConnectionBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Every_staff_page_opens_one_SignalR_connection_for_live_updates_and_chat()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "One connection per page", category = "Playback", description = "The picture freezes." });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var caseId = (await created.JsonAsync()).GetProperty("id").GetString()!;

        var page = await app.NewPageAsync();
        await SignInAsync(page, Demo.Agent1);
        // The page signing in lands on is connecting too: let it settle, so its socket is not counted as the next page's.
        await page.Locator("html[data-live=connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForTimeoutAsync(1000);
        var negotiations = new List<string>();
        var sockets = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/negotiate", StringComparison.Ordinal))
            {
                lock (negotiations) { negotiations.Add(request.Url); }
            }
        };
        page.WebSocket += (_, socket) =>
        {
            lock (sockets) { sockets.Add(socket.Url); }
        };

        foreach (var (path, chatReady) in new[]
        {
            ("/Agent", (string?)null),
            ($"/Agent/Cases/Details/{caseId}", null),
            ("/Agent/Chats", "#chat-queue[data-connected=true]"),
        })
        {
            lock (negotiations) { negotiations.Clear(); }
            lock (sockets) { sockets.Clear(); }
            await page.GotoAsync(path);
            await page.Locator("html[data-live=connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            if (chatReady is not null)
            {
                await page.Locator(chatReady).WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }

            // Both page scripts start at load; a second connection would be under way well within this second.
            await page.WaitForTimeoutAsync(1000);
            lock (negotiations)
            {
                negotiations.Count.ShouldBe(1, $"{path} negotiated: {string.Join(", ", negotiations)}");
            }

            lock (sockets)
            {
                sockets.Count.ShouldBe(1, $"{path} opened WebSockets: {string.Join(", ", sockets)}");
                sockets[0].ShouldContain("/hubs/agent");
            }
        }
    }
}
