using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 7: the portal chat widget — labelled assistant, "Talk to a person", queue position, reload, guests, hostile text.</summary>
public sealed partial class ChatWidgetBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Hostile = "<img src=x onerror=\"window.__pwned='chat'\"> hello";

    [Fact]
    public async Task A_subscriber_chats_with_the_labelled_assistant_asks_for_a_person_sees_the_queue_and_keeps_the_transcript_on_reload()
    {
        var page = await app.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await BrowserPages.SignInAsync(page, Demo.Alice);
        await page.GotoAsync("/Portal/Cases");

        // Signed in: the chat starts at once, and the assistant greets with its label.
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var log = page.Locator("#chat-log");
        var greeting = log.Locator("li[data-author=Assistant]").First;
        await greeting.WaitForAsync();
        (await greeting.Locator(".chat-badge").InnerTextAsync()).ShouldBe("Virtual assistant");
        (await greeting.InnerTextAsync()).ShouldContain("not a person");
        await greeting.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).WaitForAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id")).ShouldBe("chat-input");

        // Enter sends; the message is delivered (acknowledged) and the assistant answers with steps and why.
        await page.GetByLabel("Your message").FillAsync("the video keeps buffering");
        await page.GetByLabel("Your message").PressAsync("Enter");
        var mine = log.Locator("li[data-author=Subscriber]").Last;
        await Assertions.Expect(mine.Locator(".chat-delivery")).ToHaveAttributeAsync("data-delivery", "delivered");
        var answer = log.Locator("li[data-author=Assistant]").Nth(1);
        await answer.WaitForAsync();
        (await answer.Locator(".chat-badge").InnerTextAsync()).ShouldBe("Virtual assistant");
        (await answer.Locator(".chat-steps li").CountAsync()).ShouldBeGreaterThan(1);
        (await answer.Locator(".chat-why").First.InnerTextAsync()).ShouldStartWith("Why: ");
        (await log.Locator("li[data-author=Assistant]").CountAsync())
            .ShouldBe(await log.Locator("li[data-author=Assistant] button.chat-person").CountAsync(), "every assistant turn offers a person");

        // Talk to a person: the chat joins the queue, with a position and an estimated wait.
        await answer.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        var status = page.Locator("#chat-status");
        await Assertions.Expect(status).ToHaveTextAsync(QueuedText());
        await Assertions.Expect(status).ToContainTextAsync("Estimated wait:");

        // A hostile message is shown as text and runs nothing.
        await page.GetByLabel("Your message").FillAsync(Hostile);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var hostile = log.Locator("li[data-author=Subscriber]").Last;
        await Assertions.Expect(hostile.Locator(".chat-delivery")).ToHaveAttributeAsync("data-delivery", "delivered");
        (await hostile.Locator(".chat-text").InnerTextAsync()).ShouldBe(Hostile);
        (await log.Locator("img").CountAsync()).ShouldBe(0);

        var before = await SeqsAsync(page);
        before.Count.ShouldBeGreaterThanOrEqualTo(5);

        // Reload: the same chat, the whole transcript, once each, still queued.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#chat-status")).ToHaveTextAsync(QueuedText());
        await Assertions.Expect(page.Locator("#chat-log li[data-seq]")).ToHaveCountAsync(before.Count);
        var after = await SeqsAsync(page);
        after.ShouldBe(before);
        (await page.Locator("#chat-log li[data-author=Subscriber] .chat-text").Last.InnerTextAsync()).ShouldBe(Hostile);

        // Escape closes the window and gives focus back to the launcher.
        await page.GetByLabel("Your message").PressAsync("Escape");
        await Assertions.Expect(page.Locator("#chat-panel")).ToBeHiddenAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id")).ShouldBe("chat-launcher");

        (await page.EvaluateAsync<string?>("() => window.__pwned ?? null")).ShouldBeNull();
        dialogs.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_guest_gives_a_name_and_email_before_chatting_and_keeps_the_chat_after_a_reload()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();

        // No chat before a name and an email.
        var start = page.GetByRole(AriaRole.Button, new() { Name = "Start chat" });
        await start.ClickAsync();
        await Assertions.Expect(page.Locator("#chat-guest-error")).ToHaveTextAsync("Enter your name.");
        await page.GetByLabel("Your name").FillAsync("Gina Guest");
        await page.GetByLabel("Your email").FillAsync("not-an-email");
        await start.ClickAsync();
        await Assertions.Expect(page.Locator("#chat-guest-error")).ToHaveTextAsync("Enter a valid email address, like name@example.com.");
        (await page.Locator("#chat-log li").CountAsync()).ShouldBe(0);

        await page.GetByLabel("Your email").FillAsync("gina.guest@example.net");
        await start.ClickAsync();
        var greeting = page.Locator("#chat-log li[data-author=Assistant]").First;
        await greeting.WaitForAsync();
        (await greeting.Locator(".chat-badge").InnerTextAsync()).ShouldBe("Virtual assistant");
        await Assertions.Expect(page.Locator("#chat-guest")).ToBeHiddenAsync();

        await page.GetByLabel("Your message").FillAsync(Hostile);
        await page.GetByLabel("Your message").PressAsync("Enter");
        var mine = page.Locator("#chat-log li[data-author=Subscriber]").Last;
        await Assertions.Expect(mine.Locator(".chat-delivery")).ToHaveAttributeAsync("data-delivery", "delivered");
        (await mine.Locator(".chat-text").InnerTextAsync()).ShouldBe(Hostile);
        await page.Locator("#chat-log li[data-author=Assistant]").Nth(1).WaitForAsync();
        (await page.Locator("#chat-log img").CountAsync()).ShouldBe(0);
        var before = await SeqsAsync(page);

        // The guest's token (sessionStorage) brings the same chat back after a reload.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#chat-log li[data-seq]")).ToHaveCountAsync(before.Count);
        (await SeqsAsync(page)).ShouldBe(before);
        (await page.Locator("#chat-log li[data-author=Subscriber] .chat-text").Last.InnerTextAsync()).ShouldBe(Hostile);
        (await page.EvaluateAsync<string?>("() => window.__pwned ?? null")).ShouldBeNull();
    }

    [Fact]
    public async Task When_an_agent_accepts_the_subscriber_sees_the_name_typing_and_messages_the_chat_behind_moves_up_and_the_end_offers_a_rating()
    {
        var alice = await OpenQueuedChatAsync(Demo.Alice);
        var bob = await OpenQueuedChatAsync(Demo.Bob);
        var bobPosition = await PositionAsync(bob);
        var aliceChat = Guid.Parse(await alice.EvaluateAsync<string>("() => sessionStorage.getItem('helpdesk.chat.id')"));

        await using var agent = await AgentHubAsync(Demo.Agent3);
        var accepted = await agent.InvokeAsync<JsonElement>("AcceptChat", aliceChat);
        var agentName = accepted.GetProperty("agentName").GetString().ShouldNotBeNull();

        // The subscriber sees who holds the chat; the chat behind moves up without a reload.
        await Assertions.Expect(alice.Locator("#chat-status")).ToContainTextAsync($"You are chatting with {agentName}.");
        await Assertions.Expect(bob.Locator("#chat-status")).ToContainTextAsync($"You are number {bobPosition - 1} in the queue");

        await agent.InvokeAsync("ChatTyping", aliceChat, true);
        await Assertions.Expect(alice.Locator("#chat-typing")).ToHaveTextAsync($"{agentName} is typing…");
        await agent.InvokeAsync<JsonElement>("SendMessage", aliceChat, Guid.NewGuid(), "Hello, I can help with that.");
        var reply = alice.Locator("#chat-log li[data-author=Agent]").Last;
        await Assertions.Expect(reply.Locator(".chat-text")).ToHaveTextAsync("Hello, I can help with that.");
        (await reply.Locator(".chat-name").InnerTextAsync()).ShouldBe(agentName);
        await Assertions.Expect(alice.Locator("#chat-typing")).ToBeEmptyAsync();

        await agent.InvokeAsync<JsonElement>("EndChat", aliceChat);
        await Assertions.Expect(alice.Locator("#chat-status")).ToContainTextAsync("This chat has ended.");
        await alice.GetByLabel("4").CheckAsync();
        await alice.GetByLabel("Comment (optional)").FillAsync("Quick and kind.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#chat-rating-done")).ToHaveTextAsync("Thank you for your rating.");
        await Assertions.Expect(alice.Locator("#chat-rating")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_message_written_while_the_connection_is_lost_is_delivered_once_after_it_comes_back()
    {
        var page = await app.NewPageAsync();
        // Keep hold of the page's WebSockets so the test can cut the chat's connection (offline mode alone keeps it open).
        await page.AddInitScriptAsync("""
            (() => {
              const Native = window.WebSocket;
              window.__sockets = [];
              const Tracked = function (url, protocols) {
                const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
                window.__sockets.push(socket);
                return socket;
              };
              Tracked.prototype = Native.prototype;
              Object.assign(Tracked, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
              window.WebSocket = Tracked;
            })();
            """);
        await BrowserPages.SignInAsync(page, Demo.Bob);
        await page.GotoAsync("/Portal/Cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await page.Locator("#chat-log li[data-author=Assistant]").First.WaitForAsync();

        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.__sockets.forEach(s => s.close(4000, 'test'))");
        await Assertions.Expect(page.Locator("#chat-connection")).ToHaveTextAsync("Connection lost. Reconnecting…");
        await page.GetByLabel("Your message").FillAsync("payment declined while offline");
        await page.GetByLabel("Your message").PressAsync("Enter");
        var mine = page.Locator("#chat-log li[data-author=Subscriber]").Last;
        await Assertions.Expect(mine.Locator(".chat-delivery")).ToHaveAttributeAsync("data-delivery", "sending");

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(mine.Locator(".chat-delivery")).ToHaveAttributeAsync("data-delivery", "delivered", new() { Timeout = 40_000 });
        await page.Locator("#chat-log li[data-author=Assistant]").Nth(1).WaitForAsync();
        var seqs = await SeqsAsync(page);
        seqs.Distinct().Count().ShouldBe(seqs.Count);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#chat-log li[data-seq]")).ToHaveCountAsync(seqs.Count);
        (await page.Locator("#chat-log li[data-author=Subscriber] .chat-text").AllInnerTextsAsync())
            .Count(t => t == "payment declined while offline").ShouldBe(1);
    }

    private async Task<IPage> OpenQueuedChatAsync(string email)
    {
        var page = await app.NewPageAsync();
        await BrowserPages.SignInAsync(page, email);
        await page.GotoAsync("/Portal/Cases");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var greeting = page.Locator("#chat-log li[data-author=Assistant]").First;
        await greeting.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chat-status")).ToHaveTextAsync(QueuedText());
        return page;
    }

    private static async Task<int> PositionAsync(IPage page)
    {
        var text = await page.Locator("#chat-status").InnerTextAsync();
        return int.Parse(PositionText().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<HubConnection> AgentHubAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Demo.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(app.BaseUrl), "/hubs/agent"), options => options.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await hub.StartAsync();
        return hub;
    }

    [GeneratedRegex(@"You are number (\d+) in the queue")]
    private static partial Regex PositionText();

    private static async Task<List<long>> SeqsAsync(IPage page) =>
        (await page.Locator("#chat-log li[data-seq]").EvaluateAllAsync<long[]>("items => items.map(i => Number(i.getAttribute('data-seq')))")).ToList();

    [GeneratedRegex(@"You are number \d+ in the queue")]
    private static partial Regex QueuedText();
}
