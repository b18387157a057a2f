using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// What ADR 0132 changed to make pages cheaper must not change what anyone sees: the navigation's fixed links are
/// rendered once per role set and language and then reused (the cache must never hand one viewer's links to another),
/// and the case list writes its rows' links without routing each one.
/// </summary>
public sealed partial class PageRenderingCostTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> PagesAsync(string? email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (email is not null)
        {
            await PageSession.SignInAsync(client, email);
        }

        return client;
    }

    private static IReadOnlyList<string> NavigationLinks(string html)
    {
        var nav = NavPattern().Match(html);
        nav.Success.ShouldBeTrue("the page has its main navigation");
        return [.. LinkPattern().Matches(nav.Groups[1].Value).Select(m => $"{m.Groups[2].Value.Trim()} -> {m.Groups[1].Value}")];
    }

    [Fact]
    public async Task Each_viewer_sees_the_navigation_of_their_own_roles_whoever_viewed_a_page_first()
    {
        // The supervisor views first: their links are cached first. An agent, a subscriber and a visitor after them must
        // each get their own set, and the supervisor theirs again.
        var supervisor = await PagesAsync(Demo.Supervisor);
        var agent = await PagesAsync(Demo.Agent1);
        var subscriber = await PagesAsync(Demo.Alice);
        var visitor = await PagesAsync(null);

        var supervisorLinks = NavigationLinks(await supervisor.GetStringAsync("/Agent/Cases"));
        var agentLinks = NavigationLinks(await agent.GetStringAsync("/Agent/Cases"));
        var subscriberLinks = NavigationLinks(await subscriber.GetStringAsync("/Portal/Cases"));
        var visitorHtml = await visitor.GetStringAsync("/Contact");
        var supervisorAgain = NavigationLinks(await supervisor.GetStringAsync("/Agent/Cases"));

        supervisorLinks.ShouldContain("Cases -> /Agent/Cases");
        supervisorLinks.ShouldContain("Audit log -> /Agent/Audit");
        supervisorLinks.ShouldContain("Escalations -> /Agent/Escalations/Pending");
        supervisorLinks.ShouldNotContain("My cases -> /Portal/Cases");
        agentLinks.ShouldContain("Cases -> /Agent/Cases");
        agentLinks.ShouldContain("Ignored mail -> /Agent/Email/Ignored");
        agentLinks.ShouldNotContain("Audit log -> /Agent/Audit");
        agentLinks.ShouldNotContain("Escalations -> /Agent/Escalations/Pending");
        subscriberLinks.ShouldContain("My cases -> /Portal/Cases");
        subscriberLinks.ShouldNotContain("Cases -> /Agent/Cases");
        subscriberLinks.ShouldNotContain("Audit log -> /Agent/Audit");
        visitorHtml.ShouldContain("href=\"/Account/Login\"");
        visitorHtml.ShouldNotContain("href=\"/Agent/Cases\"");
        visitorHtml.ShouldNotContain("href=\"/Portal/Cases\"");
        supervisorAgain.ShouldBe(supervisorLinks);

        // Each viewer's own name and badges are not part of what is reused.
        (await agent.GetStringAsync("/Agent/Cases")).ShouldContain("data-testid=\"notifications-link\"");
        (await subscriber.GetStringAsync("/Portal/Cases")).ShouldNotContain("data-testid=\"notifications-link\"");
    }

    [Fact]
    public async Task The_case_list_links_each_row_to_its_case_and_names_tiers_in_words()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Row link check", category = "Billing", description = "The bill doubled." });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        var number = body.GetProperty("number").GetString()!;
        var sam = await PagesAsync(Demo.Agent1);

        var html = await sam.GetStringAsync("/Agent/Cases?text=doubled");

        var row = Regex.Match(html, $"<tr data-case=\"{Regex.Escape(number)}\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.ShouldBeTrue($"case {number} is listed");
        row.Groups[1].Value.ShouldContain($"<a href=\"/Agent/Cases/Details/{id:D}\">{number}</a>");
        (await sam.GetStringAsync($"/Agent/Cases/Details/{id:D}")).ShouldContain(number);
        // The assignee picker names each person's tier as people write it, not as the code spells it.
        html.ShouldContain("(Tier 1)</option>");
        html.ShouldNotContain("(Tier1)</option>");
    }

    [Fact]
    public async Task The_case_list_filters_show_exactly_the_chosen_values_as_selected()
    {
        // The filters' options are plain markup, not option tag helpers (ADR 0134): each says itself whether it is chosen.
        var sam = await PagesAsync(Demo.Agent1);

        var html = await sam.GetStringAsync("/Agent/Cases?status=PendingInternal&queue=Billing&tier=Tier2&priority=Urgent&assignee=me&sla=breached");

        SelectedOptions(html, "status").ShouldBe(["PendingInternal"]);
        SelectedOptions(html, "queue").ShouldBe(["Billing"]);
        SelectedOptions(html, "tier").ShouldBe(["Tier2"]);
        SelectedOptions(html, "priority").ShouldBe(["Urgent"]);
        SelectedOptions(html, "assignee").ShouldBe(["me"]);
        SelectedOptions(html, "sla").ShouldBe(["breached"]);
        OptionValues(html, "assignee").Count.ShouldBeGreaterThan(3, "the assignee filter lists the staff too");

        var unfiltered = await sam.GetStringAsync("/Agent/Cases");
        foreach (var filter in new[] { "status", "queue", "tier", "priority", "assignee", "sla" })
        {
            SelectedOptions(unfiltered, filter).ShouldBeEmpty($"nothing is chosen in the {filter} filter, so it shows \"Any\"");
            OptionValues(unfiltered, filter)[0].ShouldBe(string.Empty);
        }
    }

    [Fact]
    public async Task The_case_page_selects_the_cases_priority_category_and_holder_and_shows_each_agents_load()
    {
        // The case page's selects choose the model's value (asp-for), and the assignee picker shows each agent's load as the
        // database keeps it (ADR 0135).
        var alice = await app.SignedInAsync(Demo.Alice);
        var opened = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Subtitles drift", category = "Playback", description = "Out of sync." });
        var id = (await opened.JsonAsync()).GetProperty("id").GetGuid();
        var priya = await app.SignedInAsync(Demo.Agent2);
        var options = (await (await priya.GetAsync($"/api/v1/cases/{id}/assignees")).JsonAsync()).EnumerateArray().ToList();
        var priyaId = options.Single(o => o.GetProperty("isYou").GetBoolean()).GetProperty("id").GetGuid();
        (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/assign", new { assigneeId = priyaId })).EnsureSuccessStatusCode();
        (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/priority", new { priority = "High" })).EnsureSuccessStatusCode();
        (await priya.PostAsJsonAsync($"/api/v1/cases/{id}/category", new { category = "Billing" })).EnsureSuccessStatusCode();
        var load = (await (await priya.GetAsync($"/api/v1/cases/{id}/assignees")).JsonAsync()).EnumerateArray()
            .Single(o => o.GetProperty("isYou").GetBoolean());

        var sam = await PagesAsync(Demo.Agent1);
        var page = $"/Agent/Cases/Details/{id}";
        var html = await sam.GetStringAsync(page);

        SelectedOptions(html, "SetPriority.Priority").ShouldBe(["High"]);
        SelectedOptions(html, "SetCategory.Category").ShouldBe(["Billing"]);
        SelectedOptions(html, "Assign.AssigneeId").ShouldBe([priyaId.ToString()]);
        SelectedOptions(html, "SetStatus.Status").ShouldBeEmpty("no status is proposed");
        OptionValues(html, "Assign.AssigneeId")[0].ShouldBe(string.Empty);
        WebUtility.HtmlDecode(Select(html, "Assign.AssigneeId")).ShouldContain(
            $"{load.GetProperty("activeCases").GetInt32()}/{load.GetProperty("capacity").GetInt32()} active) — holds it now");

        // A refused form shows the choice that was sent, not the stored one.
        var samId = options.Single(o => o.GetProperty("name").GetString()!.StartsWith("Sam", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var token = await PageSession.TokenAsync(sam, page);
        var refused = await sam.PostAsync($"{page}?handler=Assign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Assign.AssigneeId"] = samId.ToString(), ["Assign.Reason"] = "",
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await refused.Content.ReadAsStringAsync();
        again.ShouldContain("Give a reason for taking this case from");
        SelectedOptions(again, "Assign.AssigneeId").ShouldBe([samId.ToString()]);
        SelectedOptions(again, "SetPriority.Priority").ShouldBe(["High"]);
    }

    private static string Select(string html, string name)
    {
        var select = Regex.Match(html, $"<select [^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        select.Success.ShouldBeTrue($"the page has the {name} select");
        return select.Groups[1].Value;
    }

    /// <summary>A filter's options in order: each value and whether the markup marks it chosen.</summary>
    private static List<(string Value, bool Selected)> Options(string html, string name) =>
        [.. OptionPattern().Matches(Select(html, name))
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Value.Contains("selected=\"selected\"", StringComparison.Ordinal)))];

    private static List<string> OptionValues(string html, string name) => [.. Options(html, name).Select(o => o.Value)];

    private static List<string> SelectedOptions(string html, string name) => [.. Options(html, name).Where(o => o.Selected).Select(o => o.Value)];

    [GeneratedRegex("<option value=\"([^\"]*)\"([^>]*)>", RegexOptions.Singleline)]
    private static partial Regex OptionPattern();

    [GeneratedRegex("<nav aria-label=\"Main\">(.*?)</nav>", RegexOptions.Singleline)]
    private static partial Regex NavPattern();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*>([^<]*)", RegexOptions.Singleline)]
    private static partial Regex LinkPattern();
}
