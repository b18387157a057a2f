using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpDesk.Web.Tests.Credits;

/// <summary>"approvalsChanged" reaches supervisors' connections only, after a credit request waits or is decided.</summary>
public sealed class ApprovalsHubTests(LiveApp app) : IClassFixture<LiveApp>
{
    private static ChannelReader<bool> Signals(HubConnection connection)
    {
        var channel = Channel.CreateUnbounded<bool>();
        connection.On("approvalsChanged", () => channel.Writer.TryWrite(true));
        return channel.Reader;
    }

    [Fact]
    public async Task Supervisors_hear_approvalsChanged_when_a_credit_waits_and_when_it_is_decided_and_agents_do_not()
    {
        await using var maria = await app.HubWithCookieAsync(Demo.Supervisor);
        await using var sam = await app.HubWithCookieAsync(Demo.Agent1);
        var toMaria = Signals(maria);
        var toSam = Signals(sam);
        await maria.StartAsync();
        await sam.StartAsync();
        var (caseId, _, _) = await CreditTestData.IdsAsync(app);

        using var agent = app.Http();
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Demo.Agent1));
        using var ask = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/credits") { Content = JsonContent.Create(new { amount = 12m, currency = "USD", reasonCode = "goodwill" }) };
        ask.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var asked = await agent.SendAsync(ask);
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using (var wait = new CancellationTokenSource(HubMessages.Patience))
        {
            (await toMaria.ReadAsync(wait.Token)).ShouldBeTrue();
        }

        using var supervisor = app.Http();
        supervisor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(Demo.Supervisor));
        (await supervisor.PostAsJsonAsync($"/api/v1/credit-requests/{requestId}/reject", new { comment = "No" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var wait = new CancellationTokenSource(HubMessages.Patience))
        {
            (await toMaria.ReadAsync(wait.Token)).ShouldBeTrue();
        }

        await Task.Delay(300);
        toSam.TryRead(out _).ShouldBeFalse();
    }
}
