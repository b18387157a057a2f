using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using HelpDesk.Application.Cases;
using HelpDesk.Testing;
using HelpDesk.Web.Hubs;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

using static HelpDesk.Web.Tests.Hubs.HubMessages;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>The agent hub over real connections: who may connect, what they hear, and presence on a case.</summary>
public sealed class AgentHubTests(LiveApp app) : IClassFixture<LiveApp>, IAsyncLifetime
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

    private async Task<HubConnection> Started(Task<HubConnection> connecting)
    {
        var connection = await connecting;
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Opens a case as a subscriber over the API; returns its id.</summary>
    private async Task<Guid> OpenCaseAsync(string email, string category = "Billing", string subject = "Charged twice")
    {
        using var http = app.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(email));
        var response = await http.PostAsJsonAsync("/api/v1/cases", new { subject, category, description = "Two charges on my statement." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_staff_connection_signed_in_by_cookie_hears_queuesChanged_when_a_subscriber_opens_a_case()
    {
        var sam = await Started(app.HubWithCookieAsync(Demo.Agent1));
        var changes = Listen<string[]>(sam, "queuesChanged");

        await OpenCaseAsync(Demo.Alice);

        var queues = await NextAsync(changes, q => q.Contains("Portal-Tier1"));
        queues.ShouldContain("Portal-Tier1");
    }

    [Fact]
    public async Task An_api_client_with_a_bearer_token_hears_queuesChanged_too()
    {
        var priya = await Started(app.HubWithTokenAsync(Demo.Agent2));
        var changes = Listen<string[]>(priya, "queuesChanged");

        await OpenCaseAsync(Demo.Bob, "AccountTakeover", "Someone is in my account");

        (await NextAsync(changes, q => q.Contains("Tier3"))).ShouldContain("Tier3");
    }

    [Fact]
    public async Task Subscribers_and_anonymous_callers_cannot_connect_to_the_agent_hub()
    {
        await using var alice = await app.HubWithTokenAsync(Demo.Alice);
        await using var aliceByCookie = await app.HubWithCookieAsync(Demo.Alice);
        await using var anonymous = app.AnonymousHub();

        (await Should.ThrowAsync<HttpRequestException>(() => alice.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Should.ThrowAsync<HttpRequestException>(() => aliceByCookie.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Should.ThrowAsync<HttpRequestException>(() => anonymous.StartAsync())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_style_access_token_in_the_query_string_works_on_the_hub_and_nowhere_else()
    {
        var token = Uri.EscapeDataString(await app.TokenAsync(Demo.Agent1));
        using var http = app.Http();

        var negotiate = await http.PostAsync($"/hubs/agent/negotiate?negotiateVersion=1&access_token={token}", null);
        var api = await http.GetAsync($"/api/v1/queues?access_token={token}");

        negotiate.StatusCode.ShouldBe(HttpStatusCode.OK);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tier1_agent_cannot_join_a_tier3_case_but_a_tier3_agent_can()
    {
        var tier3Case = await OpenCaseAsync(Demo.Bob, "Harassment", "Messages from a stranger");
        var sam = await Started(app.HubWithTokenAsync(Demo.Agent1));
        var diego = await Started(app.HubWithTokenAsync(Demo.Agent3));

        var refused = await Should.ThrowAsync<HubException>(() => sam.InvokeAsync<WatchCase.Viewer>("JoinCase", tier3Case));
        refused.Message.ShouldContain("You cannot open this case.");
        await Should.ThrowAsync<HubException>(() => sam.InvokeAsync<WatchCase.Viewer>("JoinCase", Guid.NewGuid()));

        var viewer = await diego.InvokeAsync<WatchCase.Viewer>("JoinCase", tier3Case);
        viewer.Label.ShouldBe("Diego (Tier 3 agent)");
    }

    [Fact]
    public async Task Presence_and_typing_reach_the_other_agent_on_the_case_and_leaving_is_announced()
    {
        var caseId = await OpenCaseAsync(Demo.Alice);
        var priya = await Started(app.HubWithTokenAsync(Demo.Agent2));
        var diego = await Started(app.HubWithTokenAsync(Demo.Agent3));
        var seenByDiego = Listen<Presence>(diego, "presence");
        var seenByPriya = Listen<Presence>(priya, "presence");
        await diego.InvokeAsync<WatchCase.Viewer>("JoinCase", caseId);

        var me = await priya.InvokeAsync<WatchCase.Viewer>("JoinCase", caseId);
        var viewing = await NextAsync(seenByDiego, p => p.CaseId == caseId);
        await priya.InvokeAsync("Typing", caseId);
        var typing = await NextAsync(seenByDiego, p => p.CaseId == caseId && p.State == PresenceState.Typing);
        await diego.InvokeAsync("LeaveCase", caseId);
        var left = await NextAsync(seenByPriya, p => p.CaseId == caseId && p.State == PresenceState.Left);

        viewing.ShouldBe(new Presence(caseId, me.AgentId, "Priya (Tier 2 agent)", PresenceState.Viewing));
        typing.Label.ShouldBe("Priya (Tier 2 agent)");
        left.Label.ShouldBe("Diego (Tier 3 agent)");
    }

    [Fact]
    public async Task Typing_on_a_case_the_connection_has_not_joined_is_refused()
    {
        var caseId = await OpenCaseAsync(Demo.Alice);
        var sam = await Started(app.HubWithTokenAsync(Demo.Agent1));

        var refused = await Should.ThrowAsync<HubException>(() => sam.InvokeAsync("Typing", caseId));

        refused.Message.ShouldContain("Open the case before typing");
    }

    [Fact]
    public async Task Viewers_of_a_case_hear_caseChanged_when_someone_else_replies()
    {
        var caseId = await OpenCaseAsync(Demo.Alice);
        var priya = await Started(app.HubWithTokenAsync(Demo.Agent2));
        var changed = Listen<Guid>(priya, "caseChanged");
        await priya.InvokeAsync<WatchCase.Viewer>("JoinCase", caseId);

        using var sam = app.Http();
        sam.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Demo.Agent1));
        (await sam.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { body = "Refund is on its way." })).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await NextAsync(changed, id => id == caseId)).ShouldBe(caseId);
    }
}
