using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Hub connections checked against their session every second (the default is 30 s).</summary>
public sealed class FastSessionCheckApp : LiveApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Realtime:SessionCheckSeconds", "1");
    }
}

/// <summary>
/// Issue 14: signing out ends the session everywhere, SignalR included. A connection opened before sign-out could go
/// on calling hub methods and receiving pushes; now its next call is refused and the connection is closed on the next
/// check.
/// </summary>
public sealed class HubSessionTests(FastSessionCheckApp app) : IClassFixture<FastSessionCheckApp>
{
    [Fact]
    public async Task A_hub_connection_opened_with_a_bearer_token_is_closed_when_its_session_signs_out()
    {
        var token = await app.TokenAsync(Demo.Agent3);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, Web.Hubs.AgentHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var caseId = Guid.Parse(await AnyCaseAsync(token, app));
        await hub.InvokeAsync<object>("JoinCase", caseId);

        using (var api = app.Http())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await api.PostAsJsonAsync("/api/v1/auth/logout", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        // Closed by the periodic check within a few seconds, without the client doing anything.
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(20)))).ShouldBe(closed.Task, "the connection of a signed-out session must be closed");
        hub.State.ShouldBe(HubConnectionState.Disconnected);
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task The_periodic_check_closes_every_connection_of_the_ended_session_and_only_those()
    {
        // Two sign-ins of the same agent: two tabs on session A, one on session B.
        var tokenA = await app.TokenAsync(Demo.Agent3);
        var tokenB = await app.TokenAsync(Demo.Agent3);
        var caseId = Guid.Parse(await AnyCaseAsync(tokenB, app));
        var connections = new List<(HubConnection Hub, Task Closed)>();
        foreach (var token in new[] { tokenA, tokenA, tokenB })
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(app.BaseAddress, Web.Hubs.AgentHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
                .Build();
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += _ =>
            {
                closed.TrySetResult();
                return Task.CompletedTask;
            };
            await hub.StartAsync();
            await hub.InvokeAsync<object>("JoinCase", caseId);
            connections.Add((hub, closed.Task));
        }

        using (var api = app.Http())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenA);
            (await api.PostAsJsonAsync("/api/v1/auth/logout", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var bothOfA = Task.WhenAll(connections[0].Closed, connections[1].Closed);
        (await Task.WhenAny(bothOfA, Task.Delay(TimeSpan.FromSeconds(20)))).ShouldBe(bothOfA, "both tabs of the signed-out session must be closed");

        // Several checks later, session B's connection is still open and still works.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        connections[2].Hub.State.ShouldBe(HubConnectionState.Connected);
        connections[2].Closed.IsCompleted.ShouldBeFalse();
        await connections[2].Hub.InvokeAsync<object>("JoinCase", caseId);
        foreach (var (hub, _) in connections)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_hub_call_on_a_connection_whose_session_ended_is_refused_before_the_timer_notices()
    {
        await using var slow = new SlowCheckApp();
        await slow.InitializeAsync();
        var token = await slow.TokenAsync(Demo.Agent3);
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(slow.BaseAddress, Web.Hubs.AgentHub.Path), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await hub.StartAsync();
        var caseId = Guid.Parse(await AnyCaseAsync(token, slow));
        await hub.InvokeAsync<object>("JoinCase", caseId);

        using (var api = slow.Http())
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await api.PostAsJsonAsync("/api/v1/auth/logout", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var refused = await Should.ThrowAsync<HubException>(() => hub.InvokeAsync<object>("JoinCase", caseId));
        refused.Message.ShouldContain("session has ended", Case.Insensitive);
        // …and then the connection is closed, so nothing more is pushed to it.
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(20)))).ShouldBe(closed.Task);
        await hub.DisposeAsync();
    }

    private static async Task<string> AnyCaseAsync(string token, LiveApp on)
    {
        using var api = on.Http();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/cases?pageSize=1");
        return list.GetProperty("items")[0].GetProperty("id").GetString()!;
    }

    /// <summary>The periodic check off: only the per-call check can refuse.</summary>
    private sealed class SlowCheckApp : LiveApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("HelpDesk:Realtime:SessionCheckSeconds", "0");
        }
    }
}
