using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

public sealed class CaseApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static object NewCase(string subject = "Buffering on TV", string category = "Playback") =>
        new { subject, category, description = "It stops every few minutes on the living-room TV." };

    private async Task<string> OpenAsync(HttpClient client, string subject = "Buffering on TV", string category = "Playback")
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", NewCase(subject, category));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_whole_flow_works_over_the_api_and_the_subscriber_never_sees_the_note()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await alice.PostAsJsonAsync("/api/v1/cases", NewCase("API flow case"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetString();
        body.GetProperty("number").GetString()!.ShouldMatch(@"^HD-\d{6}$");
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/cases/{id}");

        var agent = await app.SignedInAsync(Demo.Agent1);
        var queue = await (await agent.GetAsync("/api/v1/cases?queue=Portal-Tier1&status=New&tier=Tier1&pageSize=100")).JsonAsync();
        queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldContain(id);

        (await agent.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "Please update the TV app: older versions buffer." }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await agent.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "Known CDN problem in her region.", @internal = true }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var agentView = await (await agent.GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        agentView.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("visibility").GetString() == "Internal").ShouldBe(1);
        agentView.GetProperty("subscriber").GetProperty("email").GetString().ShouldBe(Demo.Alice);

        var aliceView = await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        var aliceTimeline = aliceView.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("body").GetString()).ToList();
        aliceTimeline.ShouldContain(b => b!.Contains("update the TV app"));
        aliceTimeline.ShouldNotContain(b => b!.Contains("CDN"));
        aliceView.GetProperty("subscriber").ValueKind.ShouldBe(JsonValueKind.Null);
        aliceView.GetProperty("stage").GetString().ShouldBe("WithAnAgent");

        var resolved = await agent.PostAsync($"/api/v1/cases/{id}/resolve", null);
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("stage").GetString().ShouldBe("Resolved");
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problem_details_on_every_case_endpoint()
    {
        var anonymous = app.CreateClient();
        var id = Guid.NewGuid();
        var responses = new[]
        {
            await anonymous.GetAsync("/api/v1/cases"),
            await anonymous.GetAsync($"/api/v1/cases/{id}"),
            await anonymous.PostAsJsonAsync("/api/v1/cases", NewCase()),
            await anonymous.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "hi" }),
            await anonymous.PostAsync($"/api/v1/cases/{id}/resolve", null),
            await anonymous.GetAsync("/api/v1/queues"),
        };

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Unauthorized);
        responses[0].Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_cookie_from_the_pages_does_not_authenticate_the_api()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Pages.PageSession.SignInAsync(client, Demo.Alice);

        (await client.GetAsync("/api/v1/cases")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_subscriber_gets_404_and_an_empty_list()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var bob = await app.SignedInAsync(Demo.Bob);
        var id = await OpenAsync(alice, "Alice only");

        var byId = await bob.GetAsync($"/api/v1/cases/{id}");
        byId.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await byId.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("was not found");
        (await bob.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "hi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await bob.GetAsync("/api/v1/cases?pageSize=100")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldNotContain(id);
    }

    [Fact]
    public async Task Subscribers_are_refused_agent_actions_with_403()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var id = await OpenAsync(alice, "Agent actions");

        var resolve = await alice.PostAsync($"/api/v1/cases/{id}/resolve", null);
        resolve.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await resolve.JsonAsync()).GetProperty("detail").GetString().ShouldBe("Only support staff can do this.");
        (await alice.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "secret", @internal = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await alice.GetAsync("/api/v1/queues")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tier1_agent_gets_404_on_a_tier3_case()
    {
        var bob = await app.SignedInAsync(Demo.Bob);
        var id = await OpenAsync(bob, "Hacked", "AccountTakeover");
        var tier1 = await app.SignedInAsync(Demo.Agent1);
        var tier3 = await app.SignedInAsync(Demo.Agent3);

        (await tier1.GetAsync($"/api/v1/cases/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tier3.GetAsync($"/api/v1/cases/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_cases_get_400_problem_details_with_field_errors_and_nothing_is_stored()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var before = (await (await alice.GetAsync("/api/v1/cases?pageSize=100")).JsonAsync()).GetProperty("items").GetArrayLength();

        var empty = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "", category = "Billing", description = "x" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        empty.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await empty.JsonAsync()).GetProperty("errors").GetProperty("subject")[0].GetString()!.ShouldContain("subject");

        var unknown = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "s", category = "Refunds", description = "x" })).JsonAsync();
        unknown.GetProperty("errors").GetProperty("category")[0].GetString()!.ShouldStartWith("'Refunds' is not a category");

        var huge = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "s", category = "Billing", description = new string('a', 10 * 1024 * 1024) });
        huge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await huge.JsonAsync()).GetProperty("errors").GetProperty("description")[0].GetString()!.ShouldContain("20,000 characters or fewer");

        var malformed = await alice.PostAsync("/api/v1/cases", new StringContent("{\"subject\": ", Encoding.UTF8, "application/json"));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("JSON");

        (await (await alice.GetAsync("/api/v1/cases?pageSize=100")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(before);
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_returns_the_first_case()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(NewCase("Retry me")) };
        first.Headers.Add("Idempotency-Key", "order-7781-retry");
        using var second = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(NewCase("Retry me")) };
        second.Headers.Add("Idempotency-Key", "order-7781-retry");

        var a = await alice.SendAsync(first);
        var b = await alice.SendAsync(second);

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = await b.JsonAsync();
        replay.GetProperty("id").GetString().ShouldBe((await a.JsonAsync()).GetProperty("id").GetString());
        replay.GetProperty("replayed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Bad_list_filters_and_cursors_are_explained()
    {
        var agent = await app.SignedInAsync(Demo.Agent2);

        var response = await agent.GetAsync("/api/v1/cases?status=Sleeping&tier=Tier9&cursor=abc&pageSize=5000");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("status")[0].GetString()!.ShouldContain("Unknown status");
        errors.GetProperty("tier")[0].GetString()!.ShouldContain("Unknown tier");
        errors.GetProperty("cursor")[0].GetString()!.ShouldContain("cursor");
        errors.GetProperty("pageSize")[0].GetString()!.ShouldContain("between 1 and 100");
    }
}
