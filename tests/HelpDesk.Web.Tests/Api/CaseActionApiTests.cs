using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

public sealed class CaseActionApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static async Task<(string Id, string Number)> OpenAsync(HttpClient subscriber, string subject, string category = "Playback")
    {
        var response = await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject, category, description = "Please help with this." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        return (body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!);
    }

    private static async Task<string> AgentIdAsync(HttpClient staff) =>
        (await (await staff.GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("agentId").GetString()!;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Claim_next_returns_the_claimed_case_and_then_the_reason_nothing_more_was_taken()
    {
        var bob = await app.SignedInAsync(Demo.Bob);
        for (var i = 0; i < 6; i++)
        {
            await OpenAsync(bob, $"Sensitive {i}", i % 2 == 0 ? "Legal" : "Harassment");
        }

        var diego = await app.SignedInAsync(Demo.Agent3);
        var claimed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var response = await diego.PostAsync("/api/v1/queues/Tier3/claim-next", null);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await response.JsonAsync();
            body.GetProperty("claimed").GetBoolean().ShouldBeTrue();
            body.GetProperty("outcome").GetString().ShouldBe("Claimed");
            var @case = body.GetProperty("case");
            @case.GetProperty("number").GetString()!.ShouldMatch(@"^HD-\d{6}$");
            @case.GetProperty("status").GetString().ShouldBe("Open");
            claimed.Add(@case.GetProperty("id").GetString()!);
        }

        var full = await (await diego.PostAsync("/api/v1/queues/Tier3/claim-next", null)).JsonAsync();
        full.GetProperty("claimed").GetBoolean().ShouldBeFalse();
        full.GetProperty("outcome").GetString().ShouldBe("AtCapacity");
        full.GetProperty("case").ValueKind.ShouldBe(JsonValueKind.Null);
        full.GetProperty("message").GetString()!.ShouldStartWith("You are at capacity (5/5 active cases).");
        claimed.Distinct().Count().ShouldBe(5);
        foreach (var id in claimed)
        {
            (await (await diego.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("assigneeName").GetString().ShouldBe("Diego Santos");
        }
    }

    [Fact]
    public async Task Claim_next_refuses_unknown_queues_queues_above_the_tier_and_subscribers()
    {
        var sam = await app.SignedInAsync(Demo.Agent1);
        var alice = await app.SignedInAsync(Demo.Alice);

        (await ProblemAsync(await sam.PostAsync("/api/v1/queues/Tier3/claim-next", null), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().ShouldBe("Queue Tier3 is held at Tier3; Tier1 agents cannot take cases from it.");
        (await ProblemAsync(await sam.PostAsync("/api/v1/queues/Nowhere/claim-next", null), HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().ShouldBe("There is no queue called 'Nowhere'.");
        await ProblemAsync(await alice.PostAsync("/api/v1/queues/Portal-Tier1/claim-next", null), HttpStatusCode.Forbidden);
        (await app.CreateClient().PostAsync("/api/v1/queues/Portal-Tier1/claim-next", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_agent_works_a_case_through_every_action_over_the_api()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var (id, _) = await OpenAsync(alice, "Action flow");
        var (survivorId, survivorNumber) = await OpenAsync(alice, "Action flow, first report");
        var sam = await app.SignedInAsync(Demo.Agent1);
        var priya = await app.SignedInAsync(Demo.Agent2);

        var assigned = await sam.PostAsJsonAsync($"/api/v1/cases/{id}/assign", new { assigneeId = await AgentIdAsync(sam) });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await assigned.JsonAsync()).GetProperty("assigneeName").GetString().ShouldBe("Sam Okafor");

        var noReason = await ProblemAsync(await priya.PostAsJsonAsync($"/api/v1/cases/{id}/assign", new { assigneeId = await AgentIdAsync(priya) }), HttpStatusCode.BadRequest);
        noReason.GetProperty("errors").GetProperty("reason")[0].GetString().ShouldBe("Give a reason for taking this case from Sam.");
        var taken = await priya.PostAsJsonAsync($"/api/v1/cases/{id}/assign", new { assigneeId = await AgentIdAsync(priya), reason = "Billing expertise needed." });
        (await taken.JsonAsync()).GetProperty("assigneeName").GetString().ShouldBe("Priya Nair");

        var options = await (await priya.GetAsync($"/api/v1/cases/{id}/assignees")).JsonAsync();
        options.EnumerateArray().Single(o => o.GetProperty("isCurrent").GetBoolean()).GetProperty("name").GetString().ShouldBe("Priya Nair");

        var status = await (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "PendingInternal" })).JsonAsync();
        status.GetProperty("status").GetString().ShouldBe("PendingInternal");
        var priority = await (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/priority", new { priority = "High" })).JsonAsync();
        priority.GetProperty("priority").GetString().ShouldBe("High");
        var category = await (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/category", new { category = "Billing" })).JsonAsync();
        category.GetProperty("category").GetString().ShouldBe("Billing");
        category.GetProperty("canWork").GetBoolean().ShouldBeTrue();

        var due = DateTimeOffset.UtcNow.AddDays(1);
        var promised = await priya.PostAsJsonAsync($"/api/v1/cases/{id}/follow-ups", new { dueAt = due, note = "Refund confirmation tomorrow." });
        promised.StatusCode.ShouldBe(HttpStatusCode.Created);
        var followUpId = (await promised.JsonAsync()).GetProperty("id").GetString();
        var seen = await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        seen.GetProperty("followUps")[0].GetProperty("note").GetString().ShouldBe("Refund confirmation tomorrow.");
        seen.GetProperty("followUps")[0].GetProperty("agentName").GetString().ShouldBe("Priya (Tier 2 agent)");
        var withdrawn = await priya.DeleteAsync($"/api/v1/cases/{id}/follow-ups/{followUpId}");
        (await withdrawn.JsonAsync()).GetProperty("status").GetString().ShouldBe("Cancelled");
        (await ProblemAsync(await priya.DeleteAsync($"/api/v1/cases/{id}/follow-ups/{followUpId}"), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("followup.settled");
        (await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("followUps").GetArrayLength().ShouldBe(0);

        var merged = await priya.PostAsJsonAsync($"/api/v1/cases/{id}/merge", new { into = survivorNumber });
        merged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await merged.JsonAsync()).GetProperty("survivorId").GetString().ShouldBe(survivorId);
        (await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("status").GetString().ShouldBe("Closed");
        var survivor = await (await alice.GetAsync($"/api/v1/cases/{survivorId}")).JsonAsync();
        survivor.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("body").GetString()).ShouldContain("Priya (Tier 2 agent) is checking with another team.");
    }

    [Fact]
    public async Task Bad_action_input_gets_400_problem_details_naming_the_field()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var (id, _) = await OpenAsync(alice, "Bad input");
        var sam = await app.SignedInAsync(Demo.Agent1);

        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "Sleeping" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("status")[0].GetString()!.ShouldStartWith("'Sleeping' is not a status.");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/priority", new { }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("priority")[0].GetString().ShouldBe("Choose a priority.");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/category", new { category = "Refunds" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("category")[0].GetString()!.ShouldStartWith("'Refunds' is not a category.");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/follow-ups", new { dueAt = DateTimeOffset.UtcNow.AddHours(-1) }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("dueAt")[0].GetString().ShouldBe("That time has already passed. Choose a time in the future.");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/merge", new { into = "HD-999999" }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("into")[0].GetString().ShouldBe("There is no case HD-999999.");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/assign", new { assigneeId = Guid.NewGuid() }), HttpStatusCode.BadRequest))
            .GetProperty("errors").GetProperty("assigneeId")[0].GetString()!.ShouldStartWith("There is no member of staff");
        (await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "Closed" }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("case.illegal_transition");
    }

    [Fact]
    public async Task Subscribers_get_403_or_404_and_a_tier1_agent_gets_the_same_404_on_a_tier3_case_as_on_a_random_id()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var bob = await app.SignedInAsync(Demo.Bob);
        var (alices, _) = await OpenAsync(alice, "Mine to watch");
        var (sensitive, _) = await OpenAsync(bob, "Account stolen", "AccountTakeover");
        var sam = await app.SignedInAsync(Demo.Agent1);
        var samId = await AgentIdAsync(sam);

        string[] paths = ["assign", "status", "priority", "category", "follow-ups", "merge"];
        object[] bodies =
        [
            new { assigneeId = samId }, new { status = "Resolved" }, new { priority = "Urgent" }, new { category = "Billing" },
            new { dueAt = DateTimeOffset.UtcNow.AddDays(1) }, new { into = "HD-000001" },
        ];
        for (var i = 0; i < paths.Length; i++)
        {
            (await alice.PostAsJsonAsync($"/api/v1/cases/{alices}/{paths[i]}", bodies[i])).StatusCode.ShouldBe(HttpStatusCode.Forbidden, paths[i]);
            (await bob.PostAsJsonAsync($"/api/v1/cases/{alices}/{paths[i]}", bodies[i])).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
            var tierRefusal = await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{sensitive}/{paths[i]}", bodies[i]), HttpStatusCode.NotFound);
            var random = Guid.NewGuid();
            var missing = await ProblemAsync(await sam.PostAsJsonAsync($"/api/v1/cases/{random}/{paths[i]}", bodies[i]), HttpStatusCode.NotFound);
            tierRefusal.GetProperty("detail").GetString()!.Replace(sensitive.ToString(), "{id}", StringComparison.Ordinal)
                .ShouldBe(missing.GetProperty("detail").GetString()!.Replace(random.ToString(), "{id}", StringComparison.Ordinal), paths[i]);
            tierRefusal.GetProperty("title").GetString().ShouldBe(missing.GetProperty("title").GetString());
        }

        (await alice.DeleteAsync($"/api/v1/cases/{alices}/follow-ups/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await alice.GetAsync($"/api/v1/cases/{alices}/assignees")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sam.PostAsJsonAsync($"/api/v1/cases/{Guid.NewGuid()}/status", new { status = "Open" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var untouched = await (await alice.GetAsync($"/api/v1/cases/{alices}")).JsonAsync();
        untouched.GetProperty("status").GetString().ShouldBe("New");
        untouched.GetProperty("priority").GetString().ShouldBe("Normal");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_case_actions()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        document.ShouldContain("/api/v1/queues/{queue}/claim-next");
        document.ShouldContain("/api/v1/cases/{id}/follow-ups/{followUpId}");
        document.ShouldContain("Take the most urgent unassigned case you are eligible for from a queue (staff).");
        document.ShouldContain("Merge this case into another case of the same subscriber");
    }
}
