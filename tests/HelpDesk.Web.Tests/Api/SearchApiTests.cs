using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

public sealed class SearchApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).Replace('e', 'k');

    private static async Task<string> OpenAsync(HttpClient client, string subject, string description, string category = "Billing")
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new { subject, category, description });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Staff_search_returns_ranked_hits_with_plain_text_snippet_parts()
    {
        var word = Word();
        var alice = await app.SignedInAsync(Demo.Alice);
        var id = await OpenAsync(alice, "Money back please", $"I asked for refunds on the {word} add-on twice.");
        var agent = await app.SignedInAsync(Demo.Agent1);

        var response = await agent.GetAsync($"/api/v1/search?q={Uri.EscapeDataString("refund " + word)}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();
        var hit = body.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        hit.GetProperty("caseId").GetString().ShouldBe(id);
        hit.GetProperty("matchedIn").GetString().ShouldBe("Message");
        hit.GetProperty("number").GetString()!.ShouldMatch(@"^HD-\d{6}$");
        var matches = hit.GetProperty("snippet").EnumerateArray().Where(p => p.GetProperty("match").GetBoolean())
            .Select(p => p.GetProperty("text").GetString()!.ToLowerInvariant()).ToList();
        matches.ShouldContain("refunds");
        matches.ShouldContain(word);
        body.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("/api/v1/search", "Type a word or two")]
    [InlineData("/api/v1/search?q=", "Type a word or two")]
    [InlineData("/api/v1/search?q=x", "at least 2 characters")]
    [InlineData("/api/v1/search?q=%22%22%20-%20or", "not only quotes or operators")]
    public async Task Bad_queries_get_400_problem_details_naming_q(string url, string message)
    {
        var agent = await app.SignedInAsync(Demo.Agent1);

        var response = await agent.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).GetProperty("errors").GetProperty("q")[0].GetString()!.ShouldContain(message);
    }

    [Fact]
    public async Task Subscribers_get_403_and_anonymous_callers_401()
    {
        var alice = await app.SignedInAsync(Demo.Alice);

        (await alice.GetAsync("/api/v1/search?q=refund")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/v1/search?q=refund")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_case_list_api_takes_the_new_filters_and_explains_bad_ones()
    {
        var word = Word();
        var alice = await app.SignedInAsync(Demo.Alice);
        var id = await OpenAsync(alice, $"Filter {word}", "Details.");
        var agent = await app.SignedInAsync(Demo.Agent1);

        var found = await (await agent.GetAsync($"/api/v1/cases?text={word}&assignee=unassigned&sla=ok&priority=Normal")).JsonAsync();
        var item = found.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("id").GetString().ShouldBe(id);
        item.GetProperty("sla").GetString().ShouldBe("Ok");
        item.GetProperty("slaDueAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await (await agent.GetAsync($"/api/v1/cases?text={word}&assignee=me")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var bad = await agent.GetAsync("/api/v1/cases?sla=late&assignee=someone&priority=Meh&text=a");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        errors.GetProperty("sla")[0].GetString()!.ShouldContain("Unknown SLA state");
        errors.GetProperty("assignee")[0].GetString()!.ShouldContain("Unknown assignee");
        errors.GetProperty("priority")[0].GetString()!.ShouldContain("Unknown priority");
        errors.GetProperty("text")[0].GetString()!.ShouldContain("at least 2 characters");
    }

    [Fact]
    public async Task Queues_api_lists_empty_queues_with_description_and_attention_counts()
    {
        var agent = await app.SignedInAsync(Demo.Agent1);

        var queues = (await (await agent.GetAsync("/api/v1/queues")).JsonAsync()).EnumerateArray().ToList();

        queues.Select(q => q.GetProperty("name").GetString()).ShouldBe(["Portal-Tier1", "Email-Tier1", "Chat-Tier1", "Callback-Tier1"]);
        var email = queues.Single(q => q.GetProperty("name").GetString() == "Email-Tier1");
        email.GetProperty("open").GetInt32().ShouldBe(0);
        email.GetProperty("description").GetString().ShouldBe("Cases that arrived by email");
        email.GetProperty("atRisk").GetInt32().ShouldBe(0);
        email.GetProperty("breached").GetInt32().ShouldBe(0);
        email.GetProperty("tier").GetString().ShouldBe("Tier1");
    }
}
