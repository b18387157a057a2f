using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Chat;

/// <summary>The app with chat starts not rate-limited (every test starts chats from one address).</summary>
public sealed class ChatConsoleApp : HelpDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:RateLimits:ChatStartsPerMinute", "1000");
    }
}

/// <summary>Issue 7 item 3 without JavaScript: the agent console's chat queue and chat page, and who may use them.</summary>
public sealed partial class ChatConsolePageTests(ChatConsoleApp app) : IClassFixture<ChatConsoleApp>
{
    /// <summary>Signs a staff member in and ends the chats they still hold from other tests (chat capacity is per agent).</summary>
    private async Task<HttpClient> BrowserAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        if (email != Demo.Alice && email != Demo.Bob)
        {
            foreach (Match held in MyChat().Matches(await client.GetStringAsync("/Agent/Chats")))
            {
                var path = $"/Agent/Chats/Chat/{held.Groups[1].Value}";
                (await PostFormAsync(client, path, path + "?handler=End", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            }
        }

        return client;
    }

    [GeneratedRegex("<li data-chat-id=\"([^\"]+)\" data-mine=\"true\">")]
    private static partial Regex MyChat();

    /// <summary>A subscriber chats with the assistant and asks for a person; returns the chat id.</summary>
    private async Task<Guid> QueuedChatAsync(string firstMessage, string subscriber = Demo.Alice)
    {
        var api = await app.SignedInAsync(subscriber);
        var started = await api.PostAsJsonAsync("/api/v1/chats", new { firstMessage });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, (await started.Content.ReadAsStringAsync())[..Math.Min(300, (int)(started.Content.Headers.ContentLength ?? 300))]);
        var chat = (await started.JsonAsync()).GetProperty("chat");
        var id = chat.GetProperty("id").GetGuid();
        if (chat.GetProperty("state").GetString() == "WithAssistant")
        {
            var asked = await api.PostAsync($"/api/v1/chats/{id}/ask-for-person", null);
            asked.StatusCode.ShouldBe(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        }

        return id;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPath, string postPath, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, formPath);
        return await client.PostAsync(postPath, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"Reply.ClientMessageId\" value=\"([^\"]+)\"")]
    private static partial Regex ClientMessageIdField();

    [Fact]
    public async Task Anonymous_visitors_and_subscribers_are_refused_the_chat_console()
    {
        var chatId = await QueuedChatAsync("My video keeps buffering");
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/Agent/Chats", $"/Agent/Chats/Chat/{chatId}", "/Agent/Chats?handler=Count" })
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/Account/Login");
        }

        var alice = await BrowserAsync(Demo.Alice);
        foreach (var path in new[] { "/Agent/Chats", $"/Agent/Chats/Chat/{chatId}", "/Agent/Chats?handler=Count" })
        {
            var response = await alice.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }

        var home = await alice.GetStringAsync("/Portal/Cases");
        home.ShouldNotContain("data-testid=\"chats-link\"");
    }

    [Fact]
    public async Task An_agent_sees_the_waiting_chat_accepts_it_reads_the_labelled_transcript_with_context_and_replies()
    {
        var chatId = await QueuedChatAsync("The picture keeps buffering on my TV");
        var sam = await BrowserAsync(Demo.Agent1);

        var queue = await sam.GetStringAsync("/Agent/Chats");
        queue.ShouldContain($"data-chat-id=\"{chatId}\"");
        queue.ShouldContain("data-testid=\"chat-queue\"");
        var row = Regex.Match(queue, $"<tr data-chat-id=\"{chatId}\"[\\s\\S]*?</tr>").Value;
        row.ShouldContain("Alice");
        row.ShouldContain("“The picture keeps buffering on my TV”");
        row.ShouldContain("<td>en");
        row.ShouldContain("data-testid=\"wait\"");
        row.ShouldContain("name=\"__RequestVerificationToken\"", Case.Insensitive, "Accept is an antiforgery-protected form");
        var nav = await sam.GetStringAsync("/Agent");
        nav.ShouldContain("data-testid=\"chats-link\"");
        var count = (await (await sam.GetAsync("/Agent/Chats?handler=Count")).JsonAsync()).GetProperty("waiting").GetInt32();
        count.ShouldBeGreaterThanOrEqualTo(1);

        var accepted = await PostFormAsync(sam, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={chatId}", []);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().ShouldContain($"/Agent/Chats/Chat/{chatId}");

        var page = await sam.GetStringAsync($"/Agent/Chats/Chat/{chatId}");
        page.ShouldContain("data-testid=\"chat-state\" id=\"chat-state\">WithAgent<");
        page.ShouldContain("data-author=\"Subscriber\"");
        page.ShouldContain("data-author=\"Assistant\"");
        page.ShouldContain("data-testid=\"assistant-label\"");
        page.ShouldContain("data-testid=\"subscriber-context\"");
        page.ShouldContain("data-testid=\"plan\"");
        page.ShouldContain("data-testid=\"case-link\"");
        page.ShouldContain("<time datetime=");

        var clientMessageId = ClientMessageIdField().Match(page).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["Reply.Text"] = "Hi Alice, I can see what the assistant suggested.", ["Reply.ClientMessageId"] = clientMessageId };
        (await PostFormAsync(sam, $"/Agent/Chats/Chat/{chatId}", $"/Agent/Chats/Chat/{chatId}?handler=Send", new(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostFormAsync(sam, $"/Agent/Chats/Chat/{chatId}", $"/Agent/Chats/Chat/{chatId}?handler=Send", new(fields))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await sam.GetStringAsync($"/Agent/Chats/Chat/{chatId}");
        Regex.Count(after, "I can see what the assistant suggested").ShouldBe(1, "a double submit sends once");

        var alice = await app.SignedInAsync(Demo.Alice);
        var seen = await (await alice.GetAsync($"/api/v1/chats/{chatId}")).JsonAsync();
        seen.GetProperty("messages").EnumerateArray().ShouldContain(m => m.GetProperty("authorKind").GetString() == "Agent" && m.GetProperty("text").GetString()!.Contains("assistant suggested"));

        var mine = await sam.GetStringAsync("/Agent/Chats");
        mine.ShouldContain("data-testid=\"my-chats\"");
        Regex.Match(mine, $"<li data-chat-id=\"{chatId}\" data-mine=\"true\">[\\s\\S]*?</li>").Value.ShouldNotContain("data-testid=\"unread\"", Case.Sensitive, "answered");
        (await alice.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { clientMessageId = Guid.NewGuid(), text = "Thanks, it still buffers." })).StatusCode.ShouldBe(HttpStatusCode.OK);
        mine = await sam.GetStringAsync("/Agent/Chats");
        Regex.Match(mine, $"<li data-chat-id=\"{chatId}\" data-mine=\"true\">[\\s\\S]*?</li>").Value.ShouldContain("data-testid=\"unread\" aria-hidden=\"true\">1<");
    }

    [Fact]
    public async Task A_second_agent_accepting_the_same_chat_gets_a_clear_error_and_an_agent_at_capacity_too()
    {
        var chatId = await QueuedChatAsync("Playback stops every few minutes");
        var sam = await BrowserAsync(Demo.Agent1);
        var priya = await BrowserAsync(Demo.Agent2);
        (await PostFormAsync(sam, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={chatId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var late = await PostFormAsync(priya, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={chatId}", []);
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).ShouldContain("accepted this chat first.");

        // Priya fills her capacity (3 by default); the next accept is refused with the reason.
        for (var i = 0; i < 3; i++)
        {
            var id = await QueuedChatAsync($"Buffering again, attempt {i}", Demo.Bob);
            (await PostFormAsync(priya, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={id}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var extra = await QueuedChatAsync("One more buffering question", Demo.Bob);
        var full = await PostFormAsync(priya, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={extra}", []);
        full.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = WebUtility.HtmlDecode(await full.Content.ReadAsStringAsync());
        html.ShouldContain("chats open, your limit");
        html.ShouldContain("data-active=\"3\" data-capacity=\"3\"");
    }

    [Fact]
    public async Task The_console_counts_against_the_agents_own_chat_capacity_set_by_an_administrator()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var diego = await BrowserAsync(Demo.Agent3);
        var diegoId = (await (await admin.GetAsync("/api/v1/admin/agents")).JsonAsync()).EnumerateArray()
            .Single(a => a.GetProperty("email").GetString() == Demo.Agent3).GetProperty("id").GetGuid();
        async Task SetChatCapacityAsync(int chatCapacity) =>
            (await admin.PutAsJsonAsync($"/api/v1/admin/agents/{diegoId}/profile",
                new { skills = Array.Empty<string>(), languages = DiegosLanguages, capacity = 5, chatCapacity })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await SetChatCapacityAsync(1);
        try
        {
            var first = await QueuedChatAsync("My downloads vanished");
            (await PostFormAsync(diego, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={first}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var second = await QueuedChatAsync("Downloads gone again", Demo.Bob);

            var page = WebUtility.HtmlDecode(await diego.GetStringAsync("/Agent/Chats"));
            page.ShouldContain("My active chats (1 of 1)");
            page.ShouldContain("You are at your chat capacity of 1; end or transfer a chat before accepting another.");
            var full = await PostFormAsync(diego, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={second}", []);
            full.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            WebUtility.HtmlDecode(await full.Content.ReadAsStringAsync()).ShouldContain("You already have 1 of 1 chats open, your limit.");

            await SetChatCapacityAsync(0);
            WebUtility.HtmlDecode(await diego.GetStringAsync("/Agent/Chats"))
                .ShouldContain("Your chat capacity is 0, so you take no chats. Ask an administrator to raise it on your work profile.");
        }
        finally
        {
            await SetChatCapacityAsync(3);
        }
    }

    private static readonly string[] DiegosLanguages = ["en", "es", "pt"];

    [Fact]
    public async Task The_queue_respects_tier_scope_and_a_chat_above_the_agents_tier_is_not_theirs_to_open()
    {
        var hacked = await QueuedChatAsync("Someone hacked my account and changed the password");
        var sam = await BrowserAsync(Demo.Agent1);
        var tier3 = await BrowserAsync(Demo.Agent3);

        (await sam.GetStringAsync("/Agent/Chats")).ShouldNotContain($"data-chat-id=\"{hacked}\"");
        var denied = await sam.GetAsync($"/Agent/Chats/Chat/{hacked}");
        denied.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Redirect);
        if (denied.StatusCode == HttpStatusCode.Redirect)
        {
            denied.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }

        var refused = await PostFormAsync(sam, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={hacked}", []);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var queue = await tier3.GetStringAsync("/Agent/Chats");
        var row = Regex.Match(queue, $"<tr data-chat-id=\"{hacked}\"[\\s\\S]*?</tr>").Value;
        row.ShouldContain("Tier 3");
        row.ShouldContain("account-hacked");
    }

    [Fact]
    public async Task The_queue_shows_chats_in_the_agents_languages_and_the_others_on_request()
    {
        var spanish = await QueuedChatAsync("No puedo ver nada, se corta el video", Demo.Bob);
        var sam = await BrowserAsync(Demo.Agent1);   // speaks en
        var priya = await BrowserAsync(Demo.Agent2); // speaks en, es

        var mine = await sam.GetStringAsync("/Agent/Chats");
        mine.ShouldNotContain($"data-chat-id=\"{spanish}\"");
        mine.ShouldContain("Your languages: en.");
        mine.ShouldContain("data-testid=\"other-languages\"");
        (await sam.GetStringAsync("/Agent/Chats?languages=all")).ShouldContain($"data-chat-id=\"{spanish}\"");
        var samCount = (await (await sam.GetAsync("/Agent/Chats?handler=Count")).JsonAsync()).GetProperty("waiting").GetInt32();
        var priyaCount = (await (await priya.GetAsync("/Agent/Chats?handler=Count")).JsonAsync()).GetProperty("waiting").GetInt32();
        priyaCount.ShouldBeGreaterThan(samCount, "Priya also speaks Spanish");

        var row = Regex.Match(await priya.GetStringAsync("/Agent/Chats"), $"<tr data-chat-id=\"{spanish}\"[\\s\\S]*?</tr>").Value;
        row.ShouldContain("<td>es");
    }

    [Fact]
    public async Task Transfer_needs_a_target_and_a_note_and_moves_the_chat_to_the_chosen_tier_queue()
    {
        var chatId = await QueuedChatAsync("My stream is blurry in the evening");
        var sam = await BrowserAsync(Demo.Agent1);
        (await PostFormAsync(sam, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={chatId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = $"/Agent/Chats/Chat/{chatId}";

        var noTarget = await PostFormAsync(sam, path, path + "?handler=Transfer", new() { ["Transfer.Target"] = "", ["Transfer.Note"] = "Needs billing" });
        noTarget.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noTarget.Content.ReadAsStringAsync()).ShouldContain("Choose an agent or a tier to transfer the chat to.");
        var noNote = await PostFormAsync(sam, path, path + "?handler=Transfer", new() { ["Transfer.Target"] = "tier:Tier2", ["Transfer.Note"] = " " });
        noNote.StatusCode.ShouldBe(HttpStatusCode.OK);
        var noNoteHtml = await noNote.Content.ReadAsStringAsync();
        noNoteHtml.ShouldContain("Add a note for whoever takes the chat next.");

        var moved = await PostFormAsync(sam, path, path + "?handler=Transfer", new() { ["Transfer.Target"] = "tier:Tier2", ["Transfer.Note"] = "Picture quality needs Tier 2 diagnostics" });
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        moved.Headers.Location!.ToString().ShouldEndWith("/Agent/Chats");

        var priya = await BrowserAsync(Demo.Agent2);
        Regex.Match(await priya.GetStringAsync("/Agent/Chats"), $"<tr data-chat-id=\"{chatId}\"[\\s\\S]*?</tr>").Value.ShouldContain("Tier 2");
        (await sam.GetStringAsync("/Agent/Chats")).ShouldNotContain($"data-chat-id=\"{chatId}\"");
        var page = await sam.GetAsync(path);
        // The case moved up to Tier 2 with the chat: for Sam it no longer exists (the same 404 as a random id).
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the case moved up to Tier 2 with the chat");
    }

    [Fact]
    public async Task The_holding_agent_ends_the_chat_and_the_reply_box_goes_away()
    {
        var chatId = await QueuedChatAsync("Subtitles are out of sync");
        var sam = await BrowserAsync(Demo.Agent1);
        (await PostFormAsync(sam, "/Agent/Chats", $"/Agent/Chats?handler=Accept&chatId={chatId}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = $"/Agent/Chats/Chat/{chatId}";
        (await sam.GetStringAsync(path)).ShouldContain("id=\"chat-reply\"");

        (await PostFormAsync(sam, path, path + "?handler=End", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await sam.GetStringAsync(path);
        page.ShouldContain(">Ended<");
        page.ShouldNotContain("id=\"chat-reply\"");
        page.ShouldNotContain("handler=Accept");
    }
}
