using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Testing;
using HelpDesk.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

using static HelpDesk.Web.Tests.Hubs.HubMessages;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>The chat hub over real connections: handoff, live positions, acks, reconnect, capacity and flood limits (ADR 0106).</summary>
public sealed class ChatHubTests(LiveApp app) : IClassFixture<LiveApp>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>A queue of its own per test (tier + language), so positions are the test's own.</summary>
    private static string Language() => "zz-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<HubConnection> Started(Task<HubConnection> connecting) => await Started(await connecting);

    private async Task<HubConnection> Started(HubConnection connection)
    {
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private Task<HubConnection> Subscriber(string email) => Started(app.HubWithCookieAsync(email, ChatHub.Path));

    /// <summary>Staff take part in chats over their console's one connection, the staff hub (ADR 0123).</summary>
    private Task<HubConnection> Staff(string email) => Started(app.HubWithCookieAsync(email, AgentHub.Path));

    private static Task<StartChatResult> StartAsync(HubConnection connection, string language, string? guestName = null, string? guestEmail = null) =>
        connection.InvokeAsync<StartChatResult>("StartChat", new StartChatRequest(guestName, guestEmail, language, null, null));

    [Fact]
    public async Task Handoff_queue_positions_acceptance_and_agent_messages_reach_the_subscriber_live()
    {
        var language = Language();
        var alice = await Subscriber(Demo.Alice);
        var bob = await Subscriber(Demo.Bob);
        var agent = await Staff(Demo.Agent1);
        var aliceMessages = Listen<ChatMessageView>(alice, "chatMessage");
        var aliceStates = Listen<ChatView>(alice, "chatState");
        var aliceTyping = Listen<TypingView>(alice, "typing");
        var bobPositions = Listen<QueuePositionView>(bob, "queuePosition");
        var staffQueue = Listen<ChatQueueSummary>(agent, "chatQueueChanged");

        var aliceChat = (await StartAsync(alice, language)).Chat;
        aliceChat.Messages.ShouldHaveSingleItem().DisplayName.ShouldBe(VirtualAssistant.Label);
        var ack = await alice.InvokeAsync<ChatAck>("SendMessage", aliceChat.Id, Guid.NewGuid(), "My payment failed");
        ack.Seq.ShouldBe(2);
        (await NextAsync(aliceMessages, m => m.AuthorKind == ChatAuthorKind.Assistant && m.Seq == 3)).DisplayName.ShouldBe(VirtualAssistant.Label);

        var queued = await alice.InvokeAsync<ChatView>("AskForPerson", aliceChat.Id);
        queued.State.ShouldBe(ChatState.Queued);
        queued.Position.ShouldBe(1);
        (await NextAsync(staffQueue, s => s.ByQueue.Any(q => q.Language == language))).Waiting.ShouldBeGreaterThanOrEqualTo(1);

        var bobChat = (await StartAsync(bob, language)).Chat;
        var bobQueued = await bob.InvokeAsync<ChatView>("AskForPerson", bobChat.Id);
        bobQueued.Position.ShouldBe(2);
        (await NextAsync(bobPositions, p => p.ChatId == bobChat.Id && p.Position == 2)).EstimatedWaitSeconds.ShouldBeGreaterThanOrEqualTo(0);

        var accepted = await agent.InvokeAsync<ChatView>("AcceptChat", aliceChat.Id);
        accepted.State.ShouldBe(ChatState.WithAgent);
        accepted.Messages.ShouldContain(m => m.Text == "My payment failed", "the agent sees what the subscriber told the assistant");
        (await NextAsync(aliceStates, s => s.State == ChatState.WithAgent)).AgentName.ShouldNotBeNull().ShouldContain("Tier 1 agent");
        (await NextAsync(bobPositions, p => p.ChatId == bobChat.Id && p.Position == 1)).Position.ShouldBe(1);

        await agent.InvokeAsync("ChatTyping", aliceChat.Id, true);
        var typing = await NextAsync(aliceTyping, t => t.ChatId == aliceChat.Id);
        typing.AuthorKind.ShouldBe(ChatAuthorKind.Agent);
        typing.IsTyping.ShouldBeTrue();

        var reply = await agent.InvokeAsync<ChatAck>("SendMessage", aliceChat.Id, Guid.NewGuid(), "Hello Alice, I can see your card was declined.");
        var live = await NextAsync(aliceMessages, m => m.Seq == reply.Seq);
        live.AuthorKind.ShouldBe(ChatAuthorKind.Agent);
        live.Text.ShouldBe("Hello Alice, I can see your card was declined.");

        (await agent.InvokeAsync<ChatView>("EndChat", aliceChat.Id)).State.ShouldBe(ChatState.Ended);
        await bob.InvokeAsync<ChatView>("EndChat", bobChat.Id);
    }

    [Fact]
    public async Task A_guest_reconnects_with_the_last_seq_and_gets_every_message_sent_while_away()
    {
        var language = Language();
        var guest = await Started(app.AnonymousHub(ChatHub.Path));
        var started = await StartAsync(guest, language, "Gwen Guest", $"gwen.{Guid.NewGuid():N}@example.net");
        var token = started.AccessToken.ShouldNotBeNull();
        await guest.InvokeAsync<ChatView>("AskForPerson", started.Chat.Id);
        var agent = await Staff(Demo.Agent3);
        var accepted = await agent.InvokeAsync<ChatView>("AcceptChat", started.Chat.Id);
        var lastSeen = accepted.LastSeq;

        await guest.StopAsync();
        var first = await agent.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, Guid.NewGuid(), "Are you still there?");
        var second = await agent.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, Guid.NewGuid(), "I have reset your password.");

        var again = await Started(app.AnonymousHub(ChatHub.Path));
        var live = Listen<ChatMessageView>(again, "chatMessage");
        await Should.ThrowAsync<HubException>(() => again.InvokeAsync<ChatView>("JoinChat", started.Chat.Id, 0L, "wrong-token"));
        var rejoined = await again.InvokeAsync<ChatView>("JoinChat", started.Chat.Id, lastSeen, token);
        rejoined.Messages.Select(m => m.Seq).ShouldBe([first.Seq, second.Seq]);
        rejoined.Messages.Select(m => m.Text).ShouldBe(["Are you still there?", "I have reset your password."]);

        // Joined again: the guest's messages go through with the token kept by the hub, and the next agent message is live.
        var id = Guid.NewGuid();
        var ack = await again.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, id, "Thank you!");
        (await again.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, id, "Thank you!")).ShouldBe(ack with { Duplicate = true });
        var third = await agent.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, Guid.NewGuid(), "You're welcome.");
        (await NextAsync(live, m => m.Seq == third.Seq)).Text.ShouldBe("You're welcome.");
        await agent.InvokeAsync<ChatView>("EndChat", started.Chat.Id);
    }

    [Fact]
    public async Task An_agent_at_chat_capacity_is_refused_another_and_of_two_agents_only_one_wins_a_chat()
    {
        var language = Language();
        var alice = await Subscriber(Demo.Alice);
        var agent = await Staff(Demo.Agent2);
        var held = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var chat = (await StartAsync(alice, language)).Chat;
            await alice.InvokeAsync<ChatView>("AskForPerson", chat.Id);
            await agent.InvokeAsync<ChatView>("AcceptChat", chat.Id);
            held.Add(chat.Id);
        }

        var fourth = (await StartAsync(alice, language)).Chat;
        await alice.InvokeAsync<ChatView>("AskForPerson", fourth.Id);
        (await Should.ThrowAsync<HubException>(() => agent.InvokeAsync<ChatView>("AcceptChat", fourth.Id))).Message.ShouldContain("your limit");

        var supervisor = await Staff(Demo.Supervisor);
        var other = await Staff(Demo.Agent3);
        var race = await Task.WhenAll(Try(supervisor), Try(other));
        race.Count(r => r is null).ShouldBe(1);
        race.Single(r => r is not null)!.ShouldContain("accepted this chat first");

        foreach (var id in held)
        {
            await agent.InvokeAsync<ChatView>("EndChat", id);
        }

        await alice.InvokeAsync<ChatView>("EndChat", fourth.Id);

        async Task<string?> Try(HubConnection connection)
        {
            try
            {
                await connection.InvokeAsync<ChatView>("AcceptChat", fourth.Id);
                return null;
            }
            catch (HubException ex)
            {
                return ex.Message;
            }
        }
    }

    [Fact]
    public async Task A_flood_of_messages_is_refused_past_the_limit_without_losing_any_accepted_one()
    {
        var bob = await Subscriber(Demo.Bob);
        var chat = (await StartAsync(bob, Language())).Chat;
        await bob.InvokeAsync<ChatView>("AskForPerson", chat.Id);

        var acks = new List<ChatAck>();
        for (var i = 0; i < 5; i++)
        {
            acks.Add(await bob.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), $"Hello {i}"));
        }

        var refusedId = Guid.NewGuid();
        (await Should.ThrowAsync<HubException>(() => bob.InvokeAsync<ChatAck>("SendMessage", chat.Id, refusedId, "Hello 5"))).Message.ShouldContain(ChatHub.TooFast);
        acks.Select(a => a.Seq).Distinct().Count().ShouldBe(5);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var retried = await bob.InvokeAsync<ChatAck>("SendMessage", chat.Id, refusedId, "Hello 5");
        retried.Duplicate.ShouldBeFalse();
        var view = await bob.InvokeAsync<ChatView>("JoinChat", chat.Id, 0L, null);
        view.Messages.Where(m => m.AuthorKind == ChatAuthorKind.Subscriber).Select(m => m.Text)
            .ShouldBe(Enumerable.Range(0, 6).Select(i => $"Hello {i}"));
        bob.State.ShouldBe(HubConnectionState.Connected);
        await bob.InvokeAsync<ChatView>("EndChat", chat.Id);
    }

    [Fact]
    public async Task An_oversized_message_is_refused_with_a_clear_error_and_an_oversized_frame_closes_the_connection()
    {
        var alice = await Subscriber(Demo.Alice);
        var chat = (await StartAsync(alice, Language())).Chat;

        var tooLong = await Should.ThrowAsync<HubException>(() => alice.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), new string('x', 2001)));
        tooLong.Message.ShouldContain("A chat message has at most 2,000 characters; this one has 2,001.");
        alice.State.ShouldBe(HubConnectionState.Connected);

        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await Should.ThrowAsync<Exception>(() => alice.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), new string('x', 40_000)));
        await closed.Task.WaitAsync(Patience);
        (await Db(chat.Id)).ShouldBe(1, "only the greeting was stored");
    }

    [Fact]
    public async Task Guests_start_and_read_their_chat_over_the_api_with_the_chat_token_and_nobody_else_can()
    {
        using var http = app.Http();
        var response = await http.PostAsJsonAsync("/api/v1/chats", new { guestName = "Hal Guest", guestEmail = $"hal.{Guid.NewGuid():N}@example.net", language = "en" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var chatId = body.GetProperty("chat").GetProperty("id").GetGuid();
        var token = body.GetProperty("accessToken").GetString()!;

        (await http.GetAsync($"/api/v1/chats/{chatId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/chats/{chatId}?afterSeq=0");
        read.Headers.Add("X-Chat-Token", token);
        var chat = await (await http.SendAsync(read)).Content.ReadFromJsonAsync<JsonElement>();
        chat.GetProperty("state").GetString().ShouldBe("WithAssistant");
        chat.GetProperty("messages")[0].GetProperty("displayName").GetString().ShouldBe(VirtualAssistant.Label);

        using var send = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chats/{chatId}/messages") { Content = JsonContent.Create(new { clientMessageId = Guid.NewGuid(), text = new string('y', 2001) }) };
        send.Headers.Add("X-Chat-Token", token);
        var refused = await http.SendAsync(send);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("at most 2,000 characters");

        var openApi = await http.GetStringAsync("/openapi/v1.json");
        openApi.ShouldContain("/api/v1/chats/{id}/accept");
    }

    [Fact]
    public async Task Over_the_api_subscribers_and_staff_use_bearer_tokens_and_a_second_accept_is_a_409_conflict()
    {
        using var alice = await BearerAsync(Demo.Alice);
        using var bob = await BearerAsync(Demo.Bob);
        using var sam = await BearerAsync(Demo.Agent1);
        using var kim = await BearerAsync(Demo.Agent3);
        var language = Language();
        var started = await alice.PostAsJsonAsync("/api/v1/chats", new { language });
        started.StatusCode.ShouldBe(HttpStatusCode.Created);
        var chatId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chat").GetProperty("id").GetGuid();
        (await alice.PostAsync($"/api/v1/chats/{chatId}/ask-for-person", null)).EnsureSuccessStatusCode();
        (await bob.GetAsync($"/api/v1/chats/{chatId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.GetAsync("/api/v1/chats/queue")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var queue = await (await sam.GetAsync("/api/v1/chats/queue")).Content.ReadFromJsonAsync<JsonElement>();
        queue.GetProperty("chats").EnumerateArray().ShouldContain(c => c.GetProperty("id").GetGuid() == chatId && c.GetProperty("language").GetString() == language);
        (await sam.PostAsync($"/api/v1/chats/{chatId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await kim.PostAsync($"/api/v1/chats/{chatId}/accept", null);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("chat.already_accepted");

        var reply = await sam.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { clientMessageId = Guid.NewGuid(), text = "Hi, Sam here." });
        var seq = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64();
        var seen = await (await alice.GetAsync($"/api/v1/chats/{chatId}?afterSeq={seq - 1}")).Content.ReadFromJsonAsync<JsonElement>();
        seen.GetProperty("messages")[0].GetProperty("authorKind").GetString().ShouldBe("Agent");
        (await sam.PostAsync($"/api/v1/chats/{chatId}/end", null)).EnsureSuccessStatusCode();
        var rated = await alice.PostAsJsonAsync($"/api/v1/chats/{chatId}/rating", new { rating = 5 });
        rated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alice.PostAsJsonAsync($"/api/v1/chats/{chatId}/rating", new { rating = 4 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private async Task<HttpClient> BearerAsync(string email)
    {
        var http = app.Http();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync(email));
        return http;
    }

    private async Task<int> Db(Guid chatId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ChatMessages, m => m.ConversationId == chatId);
    }
}
