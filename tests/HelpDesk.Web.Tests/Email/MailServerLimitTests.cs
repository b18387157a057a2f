using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;

namespace HelpDesk.Web.Tests.Email;

/// <summary>The app with the production limits on mail servers (no loopback or private addresses, mail ports only).</summary>
public sealed class ProductionMailLimitsAppFactory : HelpDeskAppFactory
{
    protected override bool AllowPrivateMailServers => false;
}

/// <summary>Issue 14: "Test connection" is not a port scanner for the app's own network.</summary>
public sealed class MailServerLimitTests(ProductionMailLimitsAppFactory app) : IClassFixture<ProductionMailLimitsAppFactory>
{
    [Theory]
    [InlineData("127.0.0.1", 25, "Port 25 is not a mail port")]
    [InlineData("127.0.0.1", 993, "local or private network address")]
    [InlineData("10.1.2.3", 143, "local or private network address")]
    [InlineData("169.254.169.254", 993, "local or private network address")]
    [InlineData("localhost", 143, "local or private network address")]
    [InlineData("[::1]", 993, "local or private network address")]
    public async Task Test_connection_refuses_internal_hosts_and_other_ports_with_a_clear_message(string host, int port, string message)
    {
        var api = await app.SignedInAsync(Demo.Admin);
        var created = await api.PostAsJsonAsync("/api/v1/admin/mailboxes", new
        {
            name = $"Probe {host}:{port}", address = $"probe{Guid.NewGuid():N}@helpdesk.test", enabled = false, imapHost = host, imapPort = port,
            imapSecurity = "None", imapUser = "probe", imapPassword = "secret", defaultQueueKey = "Email-Tier1",
        }, ApiClient.Json);
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).GetProperty("id").GetString();

        var started = DateTime.UtcNow;
        var tested = await (await api.PostAsync($"/api/v1/admin/mailboxes/{id}/test", null)).JsonAsync();

        tested.GetProperty("ok").GetBoolean().ShouldBeFalse();
        tested.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain(message);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
