using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The agent console's case list, search and queue rows as a browser without JavaScript sees them.</summary>
public sealed class AgentConsolePageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).Replace('e', 'k');

    private async Task<HttpClient> SignedInPagesAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private async Task<string> OpenAsync(string subject, string description)
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var response = await alice.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Billing", description });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("number").GetString()!;
    }

    [Fact]
    public async Task Searching_from_the_case_list_shows_the_match_highlighted_and_stored_markup_as_text()
    {
        var word = Word();
        var number = await OpenAsync("Odd characters", $"<img src=x onerror=alert(1)> my {word} order <script>alert(2)</script>");
        var sam = await SignedInPagesAsync(Demo.Agent1);

        var html = await sam.GetStringAsync($"/Agent/Cases?q={word}");

        html.ShouldContain(number);
        html.ShouldContain($"<mark>{word}</mark>");
        var snippet = Regex.Match(html, "<p class=\"snippet\">(.*?)</p>", RegexOptions.Singleline).Groups[1].Value;
        snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).ShouldNotContain("<");
        snippet.ShouldContain("&gt;");
        html.ShouldNotContain("<img src=x");
        html.ShouldNotContain("<script>alert(2)");
        html.ShouldContain("matched in a message");
    }

    [Fact]
    public async Task An_empty_search_explains_what_to_type()
    {
        var sam = await SignedInPagesAsync(Demo.Agent1);

        var html = await sam.GetStringAsync("/Agent/Cases?q=");

        html.ShouldContain("Type a word or two to search for.");
    }

    [Fact]
    public async Task The_case_list_filters_by_words_sla_and_assignee_and_shows_the_sla_state()
    {
        var word = Word();
        var number = await OpenAsync($"Filtered {word}", "Plain details.");
        var sam = await SignedInPagesAsync(Demo.Agent1);

        var found = await sam.GetStringAsync($"/Agent/Cases?text={word}&sla=ok&assignee=unassigned&priority=&status=");
        var none = await sam.GetStringAsync($"/Agent/Cases?text={word}&sla=breached");

        found.ShouldContain(number);
        found.ShouldContain("On time");
        found.ShouldContain("<option value=\"ok\" selected=\"selected\">");
        none.ShouldNotContain(number);
        none.ShouldContain("No cases match.");
    }

    [Fact]
    public async Task The_queue_rows_handler_returns_only_the_rows_for_live_refresh()
    {
        var sam = await SignedInPagesAsync(Demo.Agent1);

        var response = await sam.GetAsync("/Agent?handler=Rows");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = (await response.Content.ReadAsStringAsync()).Trim();
        html.ShouldStartWith("<tr");
        html.ShouldContain("data-queue=\"Email-Tier1\"");
        html.ShouldNotContain("<html");
    }

    [Fact]
    public async Task The_queue_page_shows_every_queue_with_attention_columns_and_subscribers_are_turned_away()
    {
        var sam = await SignedInPagesAsync(Demo.Agent1);
        var alice = await SignedInPagesAsync(Demo.Alice);

        var html = await sam.GetStringAsync("/Agent");
        var denied = await alice.GetAsync("/Agent?handler=Rows");

        html.ShouldContain("Cases that arrived by email");
        html.ShouldContain("At risk");
        html.ShouldContain("aria-live=\"polite\"");
        html.ShouldContain("/lib/signalr/signalr.min.js");
        denied.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.Found, HttpStatusCode.Forbidden);
        denied.Headers.Location?.ToString().ShouldContain("AccessDenied");
    }
}
