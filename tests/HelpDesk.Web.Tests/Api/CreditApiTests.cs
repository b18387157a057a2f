using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Api;

/// <summary>Issue 6: the credit API, role by role and tier by tier, and the request → approve → ledger flow over HTTP.</summary>
public sealed class CreditApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    // Columns: Alice (owns the Tier 1 case), Bob, Sam (Tier 1), Priya (Tier 2), Diego (Tier 3), Maria (supervisor).
    private static readonly string[] Roles = [Demo.Alice, Demo.Bob, Demo.Agent1, Demo.Agent2, Demo.Agent3, Demo.Supervisor];

    // Staff-only requests answer 403 to any subscriber, owner or not (the staff check comes before the case check).
    private static readonly (string Method, string Path, object? Body, int[] Expected)[] Matrix =
    [
        ("POST", "/api/v1/cases/{tier1}/credits", new { amount = 1m, currency = "USD", reasonCode = "service_outage" }, [403, 403, 201, 201, 201, 201]),
        ("POST", "/api/v1/cases/{tier3}/credits", new { amount = 1m, currency = "EUR", reasonCode = "service_outage" }, [403, 403, 404, 404, 201, 201]),
        ("GET", "/api/v1/subscribers/{alice}/credits", null, [403, 403, 200, 200, 200, 200]),
        ("GET", "/api/v1/credit-requests", null, [403, 403, 403, 403, 403, 200]),
        ("POST", "/api/v1/credit-requests/{unknown}/approve", new { comment = "ok" }, [403, 403, 403, 403, 403, 404]),
        ("POST", "/api/v1/credit-requests/{unknown}/reject", new { comment = "no" }, [403, 403, 403, 403, 403, 404]),
        ("POST", "/api/v1/credits/{unknown}/reverse", new { reason = "mistake" }, [403, 403, 403, 404, 404, 404]),
    ];

    public static TheoryData<string> Everyone() => new(Roles);

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_role_and_tier_gets_exactly_the_credit_endpoints_it_is_allowed(string email)
    {
        var column = Array.IndexOf(Roles, email);
        var ids = await IdsAsync();
        var client = await app.SignedInAsync(email);
        var wrong = new List<string>();

        foreach (var (method, template, body, expected) in Matrix)
        {
            var path = ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            var response = await client.SendAsync(request);
            if ((int)response.StatusCode != expected[column])
            {
                wrong.Add($"{method} {template}: expected {expected[column]}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_credit_endpoint()
    {
        var ids = await IdsAsync();
        var anonymous = app.CreateClient();
        foreach (var (method, template, body, _) in Matrix)
        {
            var path = ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
            (await anonymous.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {template}");
        }
    }

    [Fact]
    public async Task An_agent_asks_above_their_limit_a_replay_returns_the_same_request_and_a_supervisor_approval_lands_in_the_subscribers_ledger()
    {
        var ids = await IdsAsync();
        var sam = await app.SignedInAsync(Demo.Agent1);
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Ask()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{ids["tier1"]}/credits")
            {
                Content = JsonContent.Create(new { amount = 42.50m, currency = "usd", reasonCode = "billing_error", note = "Charged twice in March" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await sam.SendAsync(request);
        }

        var first = await Ask();
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pending = await first.JsonAsync();
        pending.GetProperty("status").GetString().ShouldBe("PendingApproval");
        pending.GetProperty("approvalReason").GetString().ShouldBe("42.50 USD is above Tier1's limit of 10.00 USD per credit.");
        var replay = await Ask();
        replay.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await replay.JsonAsync()).GetProperty("id").GetGuid().ShouldBe(pending.GetProperty("id").GetGuid());

        var maria = await app.SignedInAsync(Demo.Supervisor);
        var rejectBare = await maria.PostAsJsonAsync($"/api/v1/credit-requests/{pending.GetProperty("id").GetGuid()}/reject", new { comment = "" });
        rejectBare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await rejectBare.JsonAsync()).GetProperty("errors").GetProperty("comment")[0].GetString().ShouldBe("Say why the credit is rejected; the agent who asked will see it.");
        var approved = await maria.PostAsJsonAsync($"/api/v1/credit-requests/{pending.GetProperty("id").GetGuid()}/approve", new { comment = "Duplicate confirmed" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var entryId = (await approved.JsonAsync()).GetProperty("entryId").GetGuid();

        var ledger = await (await maria.GetAsync($"/api/v1/subscribers/{ids["alice"]}/credits")).JsonAsync();
        var line = ledger.EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == entryId);
        line.GetProperty("amount").GetDecimal().ShouldBe(42.50m);
        line.GetProperty("kind").GetString().ShouldBe("Issue");
        var again = await maria.PostAsJsonAsync($"/api/v1/credit-requests/{pending.GetProperty("id").GetGuid()}/approve", new { comment = "again" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync()).GetProperty("code").GetString().ShouldBe("credit.already_decided");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_credit_endpoints()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        document.ShouldContain("/api/v1/cases/{id}/credits");
        document.ShouldContain("/api/v1/credit-requests/{id}/approve");
        document.ShouldContain("/api/v1/credits/{id}/reverse");
        document.ShouldContain("/api/v1/subscribers/{id}/credits");
        document.ShouldContain("Within the caller's authority it is issued at once (201)");
    }

    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        return new Dictionary<string, Guid>
        {
            ["tier1"] = await db.Cases.Where(c => c.Subject == "Video keeps buffering on my living-room TV").Select(c => c.Id).SingleAsync(),
            ["tier3"] = await db.Cases.Where(c => c.Subject == "Someone changed my email address").Select(c => c.Id).SingleAsync(),
            ["alice"] = await db.Subscribers.Where(s => s.Email == Demo.Alice).Select(s => s.Id).SingleAsync(),
            ["unknown"] = Guid.NewGuid(),
        };
    }
}
