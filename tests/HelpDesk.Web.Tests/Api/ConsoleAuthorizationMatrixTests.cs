using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Api;

/// <summary>
/// Issue 4: who may reach the agent-console API (case, history, audit search, macros), role by role. Subscribers
/// never get staff data; agents never reach above their tier; only supervisors search the log and edit macros.
/// </summary>
public sealed class ConsoleAuthorizationMatrixTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    // Columns: Alice (owns the Tier 1 case), Bob (owns the Tier 3 case), Sam (Tier 1), Diego (Tier 3), Maria (supervisor).
    private static readonly string[] Roles = [Demo.Alice, Demo.Bob, Demo.Agent1, Demo.Agent3, Demo.Supervisor];

    private static readonly (string Method, string Path, int[] Expected)[] Matrix =
    [
        ("GET", "/api/v1/cases/{tier1}", [200, 404, 200, 200, 200]),
        ("GET", "/api/v1/cases/{tier3}", [404, 200, 404, 200, 200]),
        ("GET", "/api/v1/cases/{tier1}/audit", [403, 403, 200, 200, 200]),
        ("GET", "/api/v1/cases/{tier3}/audit", [403, 403, 404, 200, 200]),
        ("GET", "/api/v1/audit", [403, 403, 403, 403, 200]),
        ("GET", "/api/v1/macros", [403, 403, 200, 200, 200]),
        ("GET", "/api/v1/macros?includeInactive=true", [403, 403, 403, 403, 200]),
        ("POST", "/api/v1/cases/{tier1}/macros/{macro}/render", [403, 403, 200, 200, 200]),
        ("POST", "/api/v1/cases/{tier3}/macros/{macro}/render", [403, 403, 404, 200, 200]),
        // Authorization runs before validation: an empty macro is 403 for everyone but a supervisor, who gets 400.
        ("POST", "/api/v1/macros", [403, 403, 403, 403, 400]),
        ("PUT", "/api/v1/macros/{macro}", [403, 403, 403, 403, 400]),
        ("DELETE", "/api/v1/macros/{unknown}", [403, 403, 403, 403, 404]),
    ];

    public static TheoryData<string> Everyone() => new(Roles);

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_role_gets_exactly_the_console_endpoints_it_is_allowed(string email)
    {
        var column = Array.IndexOf(Roles, email);
        var ids = await IdsAsync();
        var client = await app.SignedInAsync(email);
        var wrong = new List<string>();

        foreach (var (method, template, expected) in Matrix)
        {
            var path = ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" && !path.EndsWith("/render", StringComparison.Ordinal))
            {
                request.Content = JsonContent.Create(new { name = "", body = "" });
            }

            var response = await client.SendAsync(request);
            if ((int)response.StatusCode != expected[column])
            {
                wrong.Add($"{method} {template}: expected {expected[column]}, got {(int)response.StatusCode}");
            }
            else if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\"", customMessage: $"{method} {template} answers with problem details");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Staff_get_the_subscriber_context_and_notes_while_the_subscriber_gets_neither()
    {
        var ids = await IdsAsync();
        var agent = await app.SignedInAsync(Demo.Agent1);
        var alice = await app.SignedInAsync(Demo.Alice);

        var staffView = await (await agent.GetAsync($"/api/v1/cases/{ids["tier1"]}")).JsonAsync();
        var context = staffView.GetProperty("subscriber");
        context.GetProperty("plan").GetString().ShouldBe("Premium");
        context.GetProperty("monthlyPrice").GetDecimal().ShouldBe(22.99m);
        context.GetProperty("devices").GetArrayLength().ShouldBe(3);
        context.GetProperty("payments").GetArrayLength().ShouldBe(6);
        context.GetProperty("payments")[0].GetProperty("status").GetString().ShouldBe("Paid");
        staffView.GetProperty("timeline").EnumerateArray().ShouldContain(e => e.GetProperty("visibility").GetString() == "Internal");

        var ownView = await alice.GetStringAsync($"/api/v1/cases/{ids["tier1"]}");
        var own = JsonDocument.Parse(ownView).RootElement;
        own.GetProperty("subscriber").ValueKind.ShouldBe(JsonValueKind.Null);
        own.GetProperty("timeline").EnumerateArray().ShouldAllBe(e => e.GetProperty("visibility").GetString() == "Public");
        own.GetProperty("sla").GetProperty("responseState").ValueKind.ShouldBe(JsonValueKind.Null);
        ownView.ShouldNotContain("Visa");
        ownView.ShouldNotContain("Tizen");
        ownView.ShouldNotContain("Samsung TV (2019)");
    }

    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        return new Dictionary<string, Guid>
        {
            ["tier1"] = await db.Cases.Where(c => c.Subject == "Video keeps buffering on my living-room TV").Select(c => c.Id).SingleAsync(),
            ["tier3"] = await db.Cases.Where(c => c.Subject == "Someone changed my email address").Select(c => c.Id).SingleAsync(),
            ["macro"] = await db.Macros.Where(m => m.IsActive).OrderBy(m => m.Name).Select(m => m.Id).FirstAsync(),
            ["unknown"] = Guid.NewGuid(),
        };
    }
}
