using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 6: escalation pages over HTTP, as a browser without JavaScript uses them.</summary>
public sealed class EscalationPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> SignedInPageAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private async Task<string> OpenAsync(string subject, string category = "Playback")
    {
        var subscriber = await app.SignedInAsync(Demo.Alice);
        var body = await (await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject, category, description = "It stops." })).JsonAsync();
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, pagePath);
        var target = handler is null ? pagePath : $"{pagePath}{(pagePath.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_case_page_shows_the_tier_and_an_escalation_needs_a_reason_then_moves_the_case_and_shows_in_its_history()
    {
        var id = await OpenAsync("Page escalation");
        var sam = await SignedInPageAsync(Demo.Agent1);
        var details = await sam.GetStringAsync($"/Agent/Cases/Details/{id}");
        details.ShouldContain("data-testid=\"current-tier\">Tier 1<");
        details.ShouldContain($"/Agent/Cases/Escalate/{id}?mode=escalate");
        details.ShouldNotContain("mode=handback");

        var path = $"/Agent/Cases/Escalate/{id}?mode=escalate";
        var form = await sam.GetStringAsync(path);
        form.ShouldContain("<option value=\"Tier2\">");
        form.ShouldNotContain("<option value=\"Tier1\">");
        var bare = await PostFormAsync(sam, path, null, new() { ["Input.ToTier"] = "Tier2", ["Input.Text"] = "" });
        bare.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bare.Content.ReadAsStringAsync()).ShouldContain("Say why the case needs a higher tier.");

        var done = await PostFormAsync(sam, path, null, new() { ["Input.ToTier"] = "Tier2", ["Input.Text"] = "Needs billing tools" });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.ToString().ShouldBe("/Agent");
        var landing = await sam.GetStringAsync("/Agent");
        landing.ShouldContain("The case was escalated to Tier 2");
        landing.ShouldNotContain("escalated to Portal-Tier2");

        var priya = await SignedInPageAsync(Demo.Agent2);
        var page = await priya.GetStringAsync($"/Agent/Cases/Details/{id}");
        page.ShouldContain("data-testid=\"current-tier\">Tier 2<");
        page.ShouldContain("Needs billing tools");
        page.ShouldContain("mode=handback");
        var back = await PostFormAsync(priya, $"/Agent/Cases/Escalate/{id}?mode=handback", null, new() { ["Input.ToTier"] = "Tier1", ["Input.Text"] = "Refund done" });
        back.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await sam.GetStringAsync($"/Agent/Cases/Details/{id}")).ShouldContain("data-testid=\"current-tier\">Tier 1<");
    }

    [Fact]
    public async Task The_pending_page_is_for_supervisors_who_reject_with_a_comment_and_approve()
    {
        var first = await OpenAsync("Page pending one");
        var second = await OpenAsync("Page pending two");
        var sam = await app.SignedInAsync(Demo.Agent1);
        (await sam.PostAsJsonAsync($"/api/v1/cases/{first}/escalations", new { toTier = "Supervisor", reason = "Angry, wants a manager" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var pending = await (await sam.PostAsJsonAsync($"/api/v1/cases/{second}/escalations", new { toTier = "Supervisor", reason = "Second" })).JsonAsync();
        var secondRequest = pending.GetProperty("request").GetProperty("id").GetString()!;

        var agent = await SignedInPageAsync(Demo.Agent3);
        (await agent.GetAsync("/Agent/Escalations/Pending")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var subscriber = await SignedInPageAsync(Demo.Alice);
        (await subscriber.GetAsync("/Agent/Escalations/Pending")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);

        var maria = await SignedInPageAsync(Demo.Supervisor);
        var html = await maria.GetStringAsync("/Agent/Escalations/Pending");
        html.IndexOf("Page pending one", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("Page pending two", StringComparison.Ordinal));
        html.ShouldContain("Angry, wants a manager");

        var bare = await PostFormAsync(maria, $"/Agent/Escalations/Pending?requestId={secondRequest}", "Reject", new() { ["comment"] = "" });
        bare.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bare.Content.ReadAsStringAsync()).ShouldContain("Say why the escalation is rejected");
        var rejected = await PostFormAsync(maria, $"/Agent/Escalations/Pending?requestId={secondRequest}", "Reject", new() { ["comment"] = "Tier 3 can do it" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await maria.GetStringAsync("/Agent/Escalations/Pending")).ShouldNotContain("Page pending two");
    }

    [Fact]
    public async Task The_portal_offers_ask_for_a_supervisor_on_open_cases_and_then_shows_the_request()
    {
        var id = await OpenAsync("Portal ask");
        var alice = await SignedInPageAsync(Demo.Alice);
        var path = $"/Portal/Cases/Details/{id}";
        (await alice.GetStringAsync(path)).ShouldContain("data-testid=\"ask-supervisor-button\"");

        var asked = await PostFormAsync(alice, path, "AskSupervisor", new() { ["AskSupervisor.Reason"] = "Please" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await alice.GetStringAsync(path);
        page.ShouldContain("data-testid=\"supervisor-answer-due\"");
        page.ShouldNotContain("data-testid=\"ask-supervisor-button\"");
        var bob = await SignedInPageAsync(Demo.Bob);
        (await bob.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_approvals_inbox_lists_escalation_requests_counts_them_and_a_decision_there_comes_back_to_it()
    {
        var id = await OpenAsync("Inbox escalation");
        var sam = await app.SignedInAsync(Demo.Agent1);
        var pending = await (await sam.PostAsJsonAsync($"/api/v1/cases/{id}/escalations", new { toTier = "Supervisor", reason = "Wants the inbox" })).JsonAsync();
        var requestId = pending.GetProperty("request").GetProperty("id").GetString()!;

        var maria = await SignedInPageAsync(Demo.Supervisor);
        var inbox = await maria.GetStringAsync("/Agent/Approvals");
        inbox.ShouldContain("data-testid=\"escalation-approvals\"");
        inbox.ShouldContain("Wants the inbox");
        inbox.ShouldContain("name=\"returnTo\" value=\"approvals\"");
        var count = await (await maria.GetAsync("/Agent/Approvals?handler=Count")).JsonAsync();
        count.GetProperty("pending").GetInt32().ShouldBeGreaterThanOrEqualTo(1);

        var approved = await PostFormAsync(maria, $"/Agent/Escalations/Pending?requestId={requestId}", "Approve", new() { ["comment"] = "", ["returnTo"] = "approvals" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approved.Headers.Location!.ToString().ShouldBe("/Agent/Approvals");
        (await maria.GetStringAsync("/Agent/Approvals")).ShouldNotContain("Wants the inbox");
        (count.GetProperty("pending").GetInt32() - 1).ShouldBe((await (await maria.GetAsync("/Agent/Approvals?handler=Count")).JsonAsync()).GetProperty("pending").GetInt32());
    }
}
