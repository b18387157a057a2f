using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

public sealed class CaseActionPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> SignedInPageAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private async Task<string> OpenAsync(string subject, string email = Demo.Alice)
    {
        var subscriber = await app.SignedInAsync(email);
        var body = await (await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Billing", description = "Charged twice." })).JsonAsync();
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, pagePath);
        return await client.PostAsync($"{pagePath}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Get_next_case_opens_the_claimed_case_or_explains_on_the_queue_list_why_nothing_came()
    {
        await OpenAsync("Page claim");
        var sam = await SignedInPageAsync(Demo.Agent1);
        var token = await PageSession.TokenAsync(sam, "/Agent");

        var claimed = await sam.PostAsync("/Agent/Queues/ClaimNext/Portal-Tier1", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        claimed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        claimed.Headers.Location!.ToString().ShouldMatch("^/Agent/Cases/Details/[0-9a-f-]{36}$");
        var page = await sam.GetStringAsync(claimed.Headers.Location);
        page.ShouldContain("You took case HD-");

        var refused = await sam.PostAsync("/Agent/Queues/ClaimNext/Tier3", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        refused.Headers.Location!.ToString().ShouldBe("/Agent");
        var queues = await sam.GetStringAsync("/Agent");
        queues.ShouldContain("Queue Tier3 is held at Tier3; Tier1 agents cannot take cases from it.");
        queues.ShouldContain("Get next case");
    }

    [Fact]
    public async Task Case_action_refusals_show_next_to_their_own_fields_and_change_nothing()
    {
        var id = await OpenAsync("Page refusals");
        var path = $"/Agent/Cases/Details/{id}";
        var sam = await SignedInPageAsync(Demo.Agent1);
        var samId = (await (await (await app.SignedInAsync(Demo.Agent1)).GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("agentId").GetString()!;
        (await PostFormAsync(sam, path, "Assign", new() { ["Assign.AssigneeId"] = samId })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var priya = await SignedInPageAsync(Demo.Agent2);

        var noReason = await PostFormAsync(priya, path, "Assign", new() { ["Assign.AssigneeId"] = string.Empty });
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(await noReason.Content.ReadAsStringAsync(), "Assign.Reason").ShouldBe("Give a reason for taking this case from Sam.");

        var unconfirmed = await PostFormAsync(priya, path, "Merge", new() { ["Merge.Into"] = "HD-000001" });
        FieldError(await unconfirmed.Content.ReadAsStringAsync(), "Merge.Confirm").ShouldBe("Tick the box to confirm: a merge cannot be undone.");

        var illegal = await PostFormAsync(priya, path, "Status", new() { ["SetStatus.Status"] = "Closed" });
        FieldError(await illegal.Content.ReadAsStringAsync(), "SetStatus").ShouldContain("cannot be moved to closed");

        var agentView = await (await (await app.SignedInAsync(Demo.Agent2)).GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        agentView.GetProperty("assigneeName").GetString().ShouldBe("Sam Okafor");
        agentView.GetProperty("status").GetString().ShouldBe("Open");
    }

    [Fact]
    public async Task A_follow_up_entered_on_the_page_is_read_in_the_agents_time_zone()
    {
        var id = await OpenAsync("Page follow-up");
        var path = $"/Agent/Cases/Details/{id}";
        var sam = await SignedInPageAsync(Demo.Agent1);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var localDue = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, london).Date.AddDays(2).AddHours(10).AddMinutes(30);

        var posted = await PostFormAsync(sam, path, "FollowUp", new()
        {
            ["FollowUp.DueAt"] = localDue.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["FollowUp.Note"] = "I will call the bank and write back.",
        });

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await sam.GetStringAsync(path);
        page.ShouldContain("Follow-up promised for");
        page.ShouldContain(localDue.ToString("d MMM yyyy, 10:30", CultureInfo.InvariantCulture));
        page.ShouldContain("Times are shown in Europe/London (UTC");
        var alice = await app.SignedInAsync(Demo.Alice);
        var promise = (await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("followUps")[0];
        promise.GetProperty("dueAt").GetDateTimeOffset().ShouldBe(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localDue, london)));
        promise.GetProperty("note").GetString().ShouldBe("I will call the bank and write back.");
    }

    [Fact]
    public async Task A_follow_up_at_a_time_the_clocks_skip_is_refused_beside_the_field_and_nothing_is_promised()
    {
        var id = await OpenAsync("Page follow-up in the clock change");
        var path = $"/Agent/Cases/Details/{id}";
        var sam = await SignedInPageAsync(Demo.Agent1);

        // 29 March 2099, 01:30 does not exist in London: the clocks go from 01:00 to 02:00.
        var posted = await PostFormAsync(sam, path, "FollowUp", new()
        {
            ["FollowUp.DueAt"] = "2099-03-29T01:30",
            ["FollowUp.Note"] = "Call back after the change.",
        });

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        FieldError(await posted.Content.ReadAsStringAsync(), "FollowUp.DueAt").ShouldBe("29 Mar 01:30 does not exist in Europe/London (the clocks change then). Choose another time.");
        var alice = await app.SignedInAsync(Demo.Alice);
        (await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("followUps").GetArrayLength().ShouldBe(0);
    }

    /// <summary>The text of the validation message rendered for <paramref name="key"/>.</summary>
    private static string FieldError(string html, string key)
    {
        var match = Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(key)}\"[^>]*>([^<]+)<");
        match.Success.ShouldBeTrue($"no error shown for {key}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
