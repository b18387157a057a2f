using System.Net;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Credits;

/// <summary>The credit policy editor pages and API. Own database: the policy changes here.</summary>
public sealed class AdminCreditPolicyPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task An_administrator_edits_the_policy_on_the_page_creating_a_version_in_the_history_and_a_bad_row_is_explained()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, Demo.Admin);
        var index = await client.GetStringAsync("/Admin/Credits");
        index.ShouldContain("In force: version 1");
        var edit = await client.GetStringAsync("/Admin/Credits/Edit");
        edit.ShouldContain("name=\"Input.Limits[0].Currency\"");

        var token = await PageSession.TokenAsync(client, "/Admin/Credits/Edit");
        var bad = await client.PostAsync("/Admin/Credits/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.ExpectedVersion"] = "1",
            ["Input.Limits[0].Tier"] = "Tier1", ["Input.Limits[0].Currency"] = "USD", ["Input.Limits[0].MaxSingle"] = "30", ["Input.Limits[0].MaxPer30Days"] = "20",
            ["Input.Reasons[0]"] = "goodwill",
        }));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("cannot be above the 30-day total");

        var good = await client.PostAsync("/Admin/Credits/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.ExpectedVersion"] = "1",
            ["Input.Limits[0].Tier"] = "Tier1", ["Input.Limits[0].Currency"] = "usd", ["Input.Limits[0].MaxSingle"] = "15", ["Input.Limits[0].MaxPer30Days"] = "40",
            ["Input.Limits[1].Tier"] = "Tier2", ["Input.Limits[1].Currency"] = "USD", ["Input.Limits[1].MaxSingle"] = "50", ["Input.Limits[1].MaxPer30Days"] = "100",
            ["Input.Limits[1].Remove"] = "true",
            ["Input.Reasons[0]"] = "goodwill, billing_error", ["Input.Reasons[1]"] = "", ["Input.Reasons[2]"] = "", ["Input.Reasons[3]"] = "goodwill",
        }));
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var api = await app.SignedInAsync(Demo.Admin);
        var current = await (await api.GetAsync("/api/v1/admin/credit-policy")).JsonAsync();
        current.GetProperty("version").GetInt32().ShouldBe(2);
        current.GetProperty("limits").GetArrayLength().ShouldBe(1);
        current.GetProperty("limits")[0].GetProperty("maxSingle").GetDecimal().ShouldBe(15m);
        current.GetProperty("reasons").GetArrayLength().ShouldBe(3);
        (await (await api.GetAsync("/api/v1/admin/credit-policy/versions")).JsonAsync()).GetArrayLength().ShouldBe(2);
        (await client.GetStringAsync("/Admin/Credits")).ShouldContain("In force: version 2");

        // A stale edit (still version 1) is refused with a conflict, on the page and over the API.
        var stale = await client.PostAsync("/Admin/Credits/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.ExpectedVersion"] = "1",
            ["Input.Limits[0].Tier"] = "Tier1", ["Input.Limits[0].Currency"] = "USD", ["Input.Limits[0].MaxSingle"] = "1", ["Input.Limits[0].MaxPer30Days"] = "1",
            ["Input.Reasons[0]"] = "goodwill",
        }));
        (await stale.Content.ReadAsStringAsync()).ShouldContain("while you were editing version 1");
        var put = await api.PutAsync("/api/v1/admin/credit-policy", System.Net.Http.Json.JsonContent.Create(new
        {
            limits = new[] { new { tier = "Tier1", currency = "USD", maxSingle = 1m, maxPer30Days = 1m } },
            reasons = new[] { new { tier = "Tier1", reasonCode = "goodwill" } },
            expectedVersion = 1,
        }, options: ApiClient.Json));
        put.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
