using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Chat;
using HelpDesk.Domain.Chat;
using HelpDesk.Testing;
using HelpDesk.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

using static HelpDesk.Web.Tests.Hubs.HubMessages;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>Two app nodes on one database and one Redis: live updates and presence cross from node to node.</summary>
public sealed class RedisBackplaneTests : IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    // Started in InitializeAsync, stopped in DisposeAsync, last started first stopped.
    private readonly Stack<Func<Task>> _stops = new();
    private LiveApp? _nodeA;
    private LiveApp? _nodeB;

    private LiveApp NodeA => _nodeA!;
    private LiveApp NodeB => _nodeB!;

    public async Task InitializeAsync()
    {
        var redis = await RedisServer.StartAsync();
        _stops.Push(() => redis.DisposeAsync().AsTask());
        _nodeA = await StartNodeAsync(new LiveApp(redis.ConnectionString, sharedDatabase: null));
        _nodeB = await StartNodeAsync(new LiveApp(redis.ConnectionString, sharedDatabase: _nodeA.ConnectionString));
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        while (_stops.TryPop(out var stop))
        {
            await stop();
        }
    }

    private async Task<LiveApp> StartNodeAsync(LiveApp node)
    {
        _stops.Push(node.DisposeAsync);
        await node.InitializeAsync();
        return node;
    }

    private async Task<HubConnection> Started(Task<HubConnection> connecting)
    {
        var connection = await connecting;
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private async Task<Guid> OpenCaseOnAsync(LiveApp node)
    {
        using var http = node.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await node.TokenAsync(Demo.Alice));
        var response = await http.PostAsJsonAsync("/api/v1/cases", new { subject = "Across nodes", category = "Billing", description = "Two charges." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_case_opened_on_one_node_reaches_staff_connected_to_the_other()
    {
        var samOnB = await Started(NodeB.HubWithTokenAsync(Demo.Agent1));
        var changes = Listen<string[]>(samOnB, "queuesChanged");

        await OpenCaseOnAsync(NodeA);

        (await NextAsync(changes, q => q.Contains("Portal-Tier1"))).ShouldContain("Portal-Tier1");
    }

    [Fact]
    public async Task Presence_crosses_nodes_because_no_node_keeps_it()
    {
        var caseId = await OpenCaseOnAsync(NodeA);
        var priyaOnA = await Started(NodeA.HubWithTokenAsync(Demo.Agent2));
        var diegoOnB = await Started(NodeB.HubWithTokenAsync(Demo.Agent3));
        var seenByDiego = Listen<Presence>(diegoOnB, "presence");
        await diegoOnB.InvokeAsync<WatchCase.Viewer>("JoinCase", caseId);

        await priyaOnA.InvokeAsync<WatchCase.Viewer>("JoinCase", caseId);
        var viewing = await NextAsync(seenByDiego, p => p.CaseId == caseId && p.State == PresenceState.Viewing);
        await priyaOnA.InvokeAsync("Typing", caseId);
        var typing = await NextAsync(seenByDiego, p => p.CaseId == caseId && p.State == PresenceState.Typing);

        viewing.Label.ShouldBe("Priya (Tier 2 agent)");
        typing.Label.ShouldBe("Priya (Tier 2 agent)");
    }

    [Fact]
    public async Task A_guest_on_one_node_and_the_agent_on_the_staff_hub_of_the_other_chat_live()
    {
        // The guest is on node A's chat hub; the agent takes part over node B's staff hub (ADR 0123), the one
        // connection of the console page: queue changes, typing and messages cross both hubs and both nodes.
        var language = "zz-" + Guid.NewGuid().ToString("N")[..6];
        var guestOnA = await Started(Task.FromResult(NodeA.AnonymousHub(ChatHub.Path)));
        var diegoOnB = await Started(NodeB.HubWithTokenAsync(Demo.Agent3));
        var queue = Listen<ChatQueueSummary>(diegoOnB, "chatQueueChanged");
        var diegoHears = Listen<ChatMessageView>(diegoOnB, "chatMessage");
        var diegoSeesTyping = Listen<TypingView>(diegoOnB, "typing");
        var guestHears = Listen<ChatMessageView>(guestOnA, "chatMessage");
        var guestSeesTyping = Listen<TypingView>(guestOnA, "typing");

        var started = await guestOnA.InvokeAsync<StartChatResult>("StartChat", new StartChatRequest("Gwen Guest", $"gwen.{Guid.NewGuid():N}@example.net", language, null, null));
        await guestOnA.InvokeAsync<ChatView>("AskForPerson", started.Chat.Id);
        await NextAsync(queue, q => q.ByQueue.Any(b => b.Language == language));

        (await diegoOnB.InvokeAsync<ChatView>("AcceptChat", started.Chat.Id)).State.ShouldBe(ChatState.WithAgent);
        await guestOnA.InvokeAsync("Typing", started.Chat.Id, true);
        (await NextAsync(diegoSeesTyping, t => t.ChatId == started.Chat.Id)).AuthorKind.ShouldBe(ChatAuthorKind.Subscriber);
        await diegoOnB.InvokeAsync("ChatTyping", started.Chat.Id, true);
        (await NextAsync(guestSeesTyping, t => t.ChatId == started.Chat.Id)).AuthorKind.ShouldBe(ChatAuthorKind.Agent);

        var fromGuest = await guestOnA.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, Guid.NewGuid(), "Hello from node A");
        (await NextAsync(diegoHears, m => m.Seq == fromGuest.Seq)).Text.ShouldBe("Hello from node A");
        var fromDiego = await diegoOnB.InvokeAsync<ChatAck>("SendMessage", started.Chat.Id, Guid.NewGuid(), "Hello from node B");
        (await NextAsync(guestHears, m => m.Seq == fromDiego.Seq)).Text.ShouldBe("Hello from node B");
        await diegoOnB.InvokeAsync<ChatView>("EndChat", started.Chat.Id);
    }
}
