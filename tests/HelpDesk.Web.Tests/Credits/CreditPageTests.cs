using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Credits;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Credits;

/// <summary>Issue 6 pages without JavaScript: give and reverse a credit, the approvals inbox, the portal, the dashboard.</summary>
public sealed partial class CreditPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> BrowserAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string formPath, string postPath, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, formPath);
        return await client.PostAsync(postPath, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"Input.RequestId\" value=\"([^\"]+)\"")]
    private static partial Regex RequestIdField();

    [Fact]
    public async Task An_agent_gives_a_credit_from_the_case_page_with_the_currency_prefilled_and_a_double_submit_creates_one()
    {
        var (caseId, _, aliceId) = await CreditTestData.IdsAsync(app);
        var sam = await BrowserAsync(Demo.Agent1);
        var form = await sam.GetStringAsync($"/Agent/Cases/Credit/{caseId}");
        form.ShouldContain("value=\"USD\"");
        form.ShouldContain("A credit above");
        form.ShouldContain("<option value=\"goodwill\">goodwill</option>");
        var requestId = RequestIdField().Match(form).Groups[1].Value;
        requestId.ShouldNotBeNullOrEmpty();
        var before = await CreditTestData.WithDbAsync(app, db => db.CreditRequests.CountAsync(r => r.SubscriberId == aliceId));

        var fields = new Dictionary<string, string>
        {
            ["Input.Amount"] = "2.50", ["Input.Currency"] = "USD", ["Input.ReasonCode"] = "goodwill", ["Input.Note"] = "Page test", ["Input.RequestId"] = requestId,
        };
        var first = await PostFormAsync(sam, $"/Agent/Cases/Credit/{caseId}", $"/Agent/Cases/Credit/{caseId}", new(fields));
        var second = await PostFormAsync(sam, $"/Agent/Cases/Credit/{caseId}", $"/Agent/Cases/Credit/{caseId}", new(fields));

        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CreditTestData.WithDbAsync(app, db => db.CreditRequests.CountAsync(r => r.SubscriberId == aliceId))).ShouldBe(before + 1);
        var details = await sam.GetStringAsync($"/Agent/Cases/Details/{caseId}");
        details.ShouldContain("data-testid=\"case-credits\"");
        details.ShouldContain("Page test");
    }

    [Fact]
    public async Task Errors_from_the_command_layer_are_shown_on_the_credit_page()
    {
        var (caseId, _, _) = await CreditTestData.IdsAsync(app);
        var sam = await BrowserAsync(Demo.Agent1);
        var response = await PostFormAsync(sam, $"/Agent/Cases/Credit/{caseId}", $"/Agent/Cases/Credit/{caseId}", new()
        {
            ["Input.Amount"] = "0", ["Input.Currency"] = "EUR", ["Input.ReasonCode"] = "", ["Input.RequestId"] = Guid.NewGuid().ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Enter an amount of more than zero.");
        html.ShouldContain("Choose a reason for the credit.");

        var wrongCurrency = await PostFormAsync(sam, $"/Agent/Cases/Credit/{caseId}", $"/Agent/Cases/Credit/{caseId}", new()
        {
            ["Input.Amount"] = "1", ["Input.Currency"] = "EUR", ["Input.ReasonCode"] = "goodwill", ["Input.RequestId"] = Guid.NewGuid().ToString(),
        });
        (await wrongCurrency.Content.ReadAsStringAsync()).ShouldContain("The subscriber is billed in USD");
    }

    [Fact]
    public async Task A_tier2_agent_reverses_an_issued_credit_with_a_reason_and_tier1_cannot()
    {
        var (caseId, _, _) = await CreditTestData.IdsAsync(app);
        var priyaApi = await app.SignedInAsync(Demo.Agent2);
        using var issue = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/credits")
        {
            Content = JsonContent.Create(new { amount = 1.25m, currency = "USD", reasonCode = "goodwill" }),
        };
        issue.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var entryId = (await (await priyaApi.SendAsync(issue)).JsonAsync()).GetProperty("entryId").GetGuid();

        var sam = await BrowserAsync(Demo.Agent1);
        var refused = await sam.GetAsync($"/Agent/Cases/Credit/{caseId}?reverse={entryId}");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        (await sam.GetStringAsync($"/Agent/Cases/Details/{caseId}")).ShouldNotContain($"reverse={entryId}");

        var priya = await BrowserAsync(Demo.Agent2);
        (await priya.GetStringAsync($"/Agent/Cases/Details/{caseId}")).ShouldContain($"reverse={entryId}");
        var path = $"/Agent/Cases/Credit/{caseId}?reverse={entryId}";
        var noReason = await PostFormAsync(priya, path, $"/Agent/Cases/Credit/{caseId}?handler=Reverse", new() { ["Reversal.EntryId"] = entryId.ToString(), ["Reversal.Reason"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Say why the credit is reversed.");

        var reversed = await PostFormAsync(priya, path, $"/Agent/Cases/Credit/{caseId}?handler=Reverse", new() { ["Reversal.EntryId"] = entryId.ToString(), ["Reversal.Reason"] = "Given twice" });
        reversed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CreditTestData.WithDbAsync(app, db => db.CreditEntries.CountAsync(e => e.ReversesId == entryId))).ShouldBe(1);
        (await priya.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound); // no longer an issued credit
    }

    [Fact]
    public async Task The_supervisor_approves_in_one_click_reject_needs_a_comment_and_own_or_over_limit_requests_show_why_not()
    {
        var (caseId, _, _) = await CreditTestData.IdsAsync(app);
        async Task<Guid> AskAsync(string who, decimal amount)
        {
            var api = await app.SignedInAsync(who);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/credits")
            {
                Content = JsonContent.Create(new { amount, currency = "USD", reasonCode = "goodwill" }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            var response = await api.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            return (await response.JsonAsync()).GetProperty("id").GetGuid();
        }

        var toApprove = await AskAsync(Demo.Agent1, 11m);
        var toReject = await AskAsync(Demo.Agent1, 12m);
        var own = await AskAsync(Demo.Supervisor, 501m);
        var overLimit = await AskAsync(Demo.Agent3, 600m);

        var maria = await BrowserAsync(Demo.Supervisor);
        var inbox = await maria.GetStringAsync("/Agent/Approvals");
        foreach (var id in new[] { toApprove, toReject, own, overLimit })
        {
            inbox.ShouldContain($"data-request-id=\"{id}\"");
        }

        inbox.IndexOf(toApprove.ToString(), StringComparison.Ordinal).ShouldBeLessThan(inbox.IndexOf(own.ToString(), StringComparison.Ordinal));
        inbox.ShouldContain("11.00 USD is above Tier1&#x27;s limit of 10.00 USD per credit.");
        inbox.ShouldContain("Your own request: another supervisor decides it.");
        inbox.ShouldContain("data-testid=\"approvals-link\"");
        (await maria.GetStringAsync($"/Agent/Approvals?handler=Sections")).ShouldContain("data-testid=\"credit-approvals\"");

        var approved = await PostFormAsync(maria, "/Agent/Approvals", "/Agent/Approvals?handler=Approve", new() { ["Decision.RequestId"] = toApprove.ToString() });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CreditTestData.WithDbAsync(app, db => db.CreditRequests.SingleAsync(r => r.Id == toApprove))).Status.ShouldBe(CreditRequestStatus.Approved);

        var noComment = await PostFormAsync(maria, "/Agent/Approvals", "/Agent/Approvals?handler=Reject", new() { ["Decision.RequestId"] = toReject.ToString(), ["Decision.Comment"] = "" });
        (await noComment.Content.ReadAsStringAsync()).ShouldContain("Say why the credit is rejected");
        var rejected = await PostFormAsync(maria, "/Agent/Approvals", "/Agent/Approvals?handler=Reject", new() { ["Decision.RequestId"] = toReject.ToString(), ["Decision.Comment"] = "Not this time" });
        rejected.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var self = await PostFormAsync(maria, "/Agent/Approvals", "/Agent/Approvals?handler=Approve", new() { ["Decision.RequestId"] = own.ToString() });
        (await self.Content.ReadAsStringAsync()).ShouldContain("You asked for this credit, so someone else must approve it.");
        var beyond = await PostFormAsync(maria, "/Agent/Approvals", "/Agent/Approvals?handler=Approve", new() { ["Decision.RequestId"] = overLimit.ToString() });
        var beyondHtml = await beyond.Content.ReadAsStringAsync();
        beyondHtml.ShouldContain("This credit is beyond your own authority too");
        beyondHtml.ShouldContain("data-testid=\"decision-error\"");
        (await maria.GetStringAsync("/Agent/Approvals?handler=Count")).ShouldContain("\"pending\":");
    }

    [Fact]
    public async Task The_subscriber_sees_credits_on_the_case_page_and_account_page_and_never_another_subscribers()
    {
        var (caseId, tier3Case, aliceId) = await CreditTestData.IdsAsync(app);
        var api = await app.SignedInAsync(Demo.Agent3);
        foreach (var (target, amount, currency) in new[] { (caseId, 3.33m, "USD"), (tier3Case, 4.44m, "EUR") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{target}/credits")
            {
                Content = JsonContent.Create(new { amount, currency, reasonCode = "service_outage", note = "internal only" }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await api.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var alice = await BrowserAsync(Demo.Alice);
        var casePage = await alice.GetStringAsync($"/Portal/Cases/Details/{caseId}");
        casePage.ShouldContain("data-testid=\"portal-case-credits\"");
        casePage.ShouldContain("3.33 USD");
        casePage.ShouldContain("Service outage");
        casePage.ShouldNotContain("internal only");
        var account = await alice.GetStringAsync("/Portal/Account");
        account.ShouldContain("3.33 USD");
        account.ShouldNotContain("4.44 EUR");

        var tier3Owner = await CreditTestData.WithDbAsync(app, db => db.Cases.Where(c => c.Id == tier3Case).Select(c => c.Subscriber!.Email).SingleAsync());
        tier3Owner.ShouldNotBe(Demo.Alice);
        (await alice.GetAsync($"/Portal/Cases/Details/{tier3Case}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Forged ids over the API: another subscriber's case or ledger does not exist for Alice; /me has no id to forge.
        var aliceApi = await app.SignedInAsync(Demo.Alice);
        (await aliceApi.GetAsync($"/api/v1/cases/{tier3Case}/credits")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var tier3SubscriberId = await CreditTestData.WithDbAsync(app, db => db.Cases.Where(c => c.Id == tier3Case).Select(c => c.SubscriberId).SingleAsync());
        (await aliceApi.GetAsync($"/api/v1/subscribers/{tier3SubscriberId}/credits")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var mine = await (await aliceApi.GetAsync($"/api/v1/me/credits?subscriberId={tier3SubscriberId}")).JsonAsync();
        mine.GetProperty("credits").EnumerateArray().ShouldAllBe(c => c.GetProperty("currency").GetString() == "USD");
        var onCase = await (await aliceApi.GetAsync($"/api/v1/cases/{caseId}/credits")).JsonAsync();
        onCase.GetProperty("credits").EnumerateArray().ShouldAllBe(c => c.GetProperty("note").ValueKind == System.Text.Json.JsonValueKind.Null);
        aliceId.ShouldNotBe(tier3SubscriberId);
    }

    [Fact]
    public async Task The_supervisor_dashboard_page_and_api_show_open_cases_approvals_and_this_weeks_credits()
    {
        // A pending escalation request counts as a pending approval, like a pending credit request.
        var alice = await app.SignedInAsync(Demo.Alice);
        var opened = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Dashboard escalation", category = "Billing", description = "Please help." })).JsonAsync();
        var caseId = opened.GetProperty("id").GetGuid();
        var sam = await app.SignedInAsync(Demo.Agent1);
        (await sam.PostAsJsonAsync($"/api/v1/cases/{caseId}/escalations", new { toTier = "Supervisor", reason = "Wants a manager" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var maria = await BrowserAsync(Demo.Supervisor);
        var html = await maria.GetStringAsync("/Agent/Supervisor");
        html.ShouldContain("data-testid=\"open-by-tier\"");
        html.ShouldContain("data-testid=\"credits-by-reason\"");
        var counts = DashboardCounts().Match(html);
        counts.Success.ShouldBeTrue();
        int.Parse(counts.Groups["escalations"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
        int.Parse(counts.Groups["all"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(
            int.Parse(counts.Groups["credits"].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(counts.Groups["escalations"].Value, System.Globalization.CultureInfo.InvariantCulture));
        html.ShouldContain("data-kind=\"Escalation\"");
        WebUtility.HtmlDecode(html).ShouldContain("Escalation Tier1 → Supervisor");

        var api = await app.SignedInAsync(Demo.Supervisor);
        var body = await (await api.GetAsync("/api/v1/reports/supervisor")).JsonAsync();
        body.GetProperty("openByTier").GetArrayLength().ShouldBe(4);
        var approvals = body.GetProperty("approvals");
        approvals.GetProperty("escalationRequests").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        approvals.GetProperty("count").GetInt32().ShouldBe(approvals.GetProperty("creditRequests").GetInt32() + approvals.GetProperty("escalationRequests").GetInt32());
        var badge = System.Text.Json.JsonDocument.Parse(await maria.GetStringAsync("/Agent/Approvals?handler=Count")).RootElement;
        approvals.GetProperty("count").GetInt32().ShouldBe(badge.GetProperty("pending").GetInt32(), "the dashboard counts what the approvals badge counts");
        approvals.GetProperty("oldest").EnumerateArray().ShouldContain(r =>
            r.GetProperty("kind").GetString() == "Escalation" && r.GetProperty("caseId").GetGuid() == caseId
            && r.GetProperty("fromTier").GetString() == "Tier1" && r.GetProperty("toTier").GetString() == "Supervisor"
            && r.GetProperty("amount").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [GeneratedRegex("data-testid=\"dashboard-approvals\" data-count=\"(?<all>\\d+)\" data-credit-count=\"(?<credits>\\d+)\" data-escalation-count=\"(?<escalations>\\d+)\"")]
    private static partial Regex DashboardCounts();
}
