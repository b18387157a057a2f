using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

/// <summary>Issue 6: the escalation API, role by role and tier by tier, and the request → approve flow over HTTP.</summary>
public sealed class EscalationApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    // Columns: Alice (owns both cases), Bob, Sam (Tier 1), Priya (Tier 2), Diego (Tier 3), Maria (supervisor), the admin.
    private static readonly string[] Roles = [Demo.Alice, Demo.Bob, Demo.Agent1, Demo.Agent2, Demo.Agent3, Demo.Supervisor, Demo.Admin];

    // Rows run in order on fresh cases per role: {tier1} is a Playback case (Tier 1), {tier3} a Legal one (Tier 3).
    // Staff-only requests answer 403 to any subscriber (the staff check comes before the case check); a case above
    // the agent's tier answers 404, exactly as a random id.
    private static readonly (string Method, string Path, object? Body, int[] Expected)[] Matrix =
    [
        ("POST", "/api/v1/cases/{tier3}/escalations", new { toTier = "Supervisor", reason = "Needs a supervisor" }, [403, 403, 404, 404, 202, 202, 403]),
        ("GET", "/api/v1/cases/{tier3}/escalations", null, [200, 404, 404, 404, 200, 200, 404]),
        ("GET", "/api/v1/escalations/pending", null, [403, 403, 403, 403, 403, 200, 403]),
        ("POST", "/api/v1/escalations/{unknown}/approve", new { comment = "ok" }, [403, 403, 403, 403, 403, 404, 403]),
        ("POST", "/api/v1/escalations/{unknown}/reject", new { comment = "no" }, [403, 403, 403, 403, 403, 404, 403]),
        ("POST", "/api/v1/cases/{tier1}/hand-back", new { toTier = "Tier1", note = "Back to you" }, [403, 403, 409, 409, 409, 409, 403]),
        ("POST", "/api/v1/cases/{tier1}/escalations", new { toTier = "Tier2", reason = "Billing access" }, [403, 403, 201, 201, 201, 201, 403]),
        ("POST", "/api/v1/cases/{tier1}/hand-back", new { toTier = "Tier1", note = "Back to you" }, [403, 403, 404, 200, 200, 200, 403]),
        ("POST", "/api/v1/cases/{tier1}/ask-supervisor", new { reason = "Please" }, [201, 404, 403, 403, 403, 403, 403]),
        ("POST", "/api/v1/cases/{unknown}/escalations", new { toTier = "Tier2", reason = "Forged" }, [403, 403, 404, 404, 404, 404, 403]),
        ("POST", "/api/v1/cases/{unknown}/ask-supervisor", new { reason = "Forged" }, [404, 404, 403, 403, 403, 403, 403]),
    ];

    public static TheoryData<string> Everyone() => new(Roles);

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Each_role_and_tier_gets_exactly_the_escalation_endpoints_it_is_allowed(string email)
    {
        var column = Array.IndexOf(Roles, email);
        var ids = await FreshCasesAsync();
        var client = await app.SignedInAsync(email);
        var wrong = new List<string>();

        foreach (var (method, template, body, expected) in Matrix)
        {
            var response = await SendAsync(client, method, Fill(template, ids), body);
            if ((int)response.StatusCode != expected[column])
            {
                wrong.Add($"{method} {template}: expected {expected[column]}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_callers_get_401_on_every_escalation_endpoint()
    {
        var ids = await FreshCasesAsync();
        var anonymous = app.CreateClient();
        foreach (var (method, template, body, _) in Matrix)
        {
            (await SendAsync(anonymous, method, Fill(template, ids), body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {template}");
        }
    }

    [Fact]
    public async Task An_agent_asks_for_a_supervisor_a_supervisor_approves_once_and_a_second_decision_is_a_conflict()
    {
        var ids = await FreshCasesAsync();
        var sam = await app.SignedInAsync(Demo.Agent1);

        var bare = await sam.PostAsJsonAsync($"/api/v1/cases/{ids["tier1"]}/escalations", new { toTier = "Supervisor", reason = "" });
        bare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bare.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("Say why the case needs a higher tier.");
        var asked = await sam.PostAsJsonAsync($"/api/v1/cases/{ids["tier1"]}/escalations", new { toTier = "Supervisor", reason = "Wants to cancel" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var request = (await asked.JsonAsync()).GetProperty("request");
        request.GetProperty("status").GetString().ShouldBe("Pending");
        var id = request.GetProperty("id").GetGuid();

        var maria = await app.SignedInAsync(Demo.Supervisor);
        var pending = await (await maria.GetAsync("/api/v1/escalations/pending")).JsonAsync();
        pending.EnumerateArray().ShouldContain(p => p.GetProperty("id").GetGuid() == id);
        var rejectBare = await maria.PostAsJsonAsync($"/api/v1/escalations/{id}/reject", new { comment = "" });
        rejectBare.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var approved = await maria.PostAsJsonAsync($"/api/v1/escalations/{id}/approve", new { comment = "Taking it" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.JsonAsync()).GetProperty("status").GetString().ShouldBe("Approved");

        var again = await maria.PostAsJsonAsync($"/api/v1/escalations/{id}/reject", new { comment = "Changed my mind" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.JsonAsync()).GetProperty("code").GetString().ShouldBe("escalation.already_decided");
        // The case moved to the Supervisor tier: Sam (Tier 1) can no longer see it.
        (await sam.GetAsync($"/api/v1/cases/{ids["tier1"]}/escalations")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var history = await (await maria.GetAsync($"/api/v1/cases/{ids["tier1"]}/escalations")).JsonAsync();
        history.EnumerateArray().ShouldHaveSingleItem().GetProperty("decidedBy").GetString().ShouldNotBeNull().ShouldContain("supervisor");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_escalation_endpoints()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        document.ShouldContain("/api/v1/cases/{id}/escalations");
        document.ShouldContain("/api/v1/cases/{id}/hand-back");
        document.ShouldContain("/api/v1/cases/{id}/ask-supervisor");
        document.ShouldContain("/api/v1/escalations/pending");
        document.ShouldContain("/api/v1/escalations/{id}/approve");
        document.ShouldContain("/api/v1/escalations/{id}/reject");
    }

    private static string Fill(string template, Dictionary<string, Guid> ids) =>
        ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
        return await client.SendAsync(request);
    }

    private async Task<Dictionary<string, Guid>> FreshCasesAsync()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        async Task<Guid> Open(string category)
        {
            var response = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = $"Escalation matrix {category}", category, description = "Please help." });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return (await response.JsonAsync()).GetProperty("id").GetGuid();
        }

        return new Dictionary<string, Guid>
        {
            ["tier1"] = await Open("Playback"),
            ["tier3"] = await Open("Legal"),
            ["unknown"] = Guid.NewGuid(),
        };
    }
}
