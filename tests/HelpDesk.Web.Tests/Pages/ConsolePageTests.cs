using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 4 pages without JavaScript: the portal's next steps, the agent's context and history, macros, audit.</summary>
public sealed partial class ConsolePageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string Buffering = "Video keeps buffering on my living-room TV";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private async Task<HttpClient> SignedInPagesAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private async Task<T> WithDb<T>(Func<HelpDeskDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string TestId(string html, string id) =>
        Regex.Match(html, $"<(p|dd|div|aside|ul|details|span)[^>]*data-testid=\"{id}\"[^>]*>(.*?)</\\1>", RegexOptions.Singleline) is { Success: true } m
            ? m.Value
            : throw new ShouldAssertException($"No element with data-testid=\"{id}\" on the page.");

    /// <summary>The visible text of an HTML fragment, tags removed and spaces collapsed.</summary>
    private static string Text(string fragment) => Regex.Replace(Regex.Replace(fragment, "<[^>]+>", " "), @"\s+", " ").Trim();

    private static string Field(string html, string id) =>
        Regex.Match(html, $"<textarea[^>]*id=\"{id}\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline).Groups[1].Value.Trim();

    /// <summary>The local-time element for <paramref name="instant"/>, as a New York viewer sees it.</summary>
    private static void ShouldShowInNewYork(string fragment, DateTimeOffset instant)
    {
        fragment.ShouldContain($"datetime=\"{instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\"");
        var local = TimeZoneInfo.ConvertTime(instant, NewYork);
        // One format (issue 15): the moment in the text, its zone and that day's offset in the tooltip only.
        fragment.ShouldContain(local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + "<");
        fragment.ShouldContain("title=\"" + local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + ", America/New_York (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")\"");
    }

    [Fact]
    public async Task The_portal_shows_when_we_will_reply_and_the_follow_up_promise_in_the_subscribers_time_zone()
    {
        var (id, due, promise) = await WithDb(async db =>
        {
            var c = await db.Cases.Include(x => x.FollowUps).SingleAsync(x => x.Subject == Buffering);
            return (c.Id, c.ResponseDueAt!.Value, c.FollowUps.Single(f => f.Status == FollowUpStatus.Pending));
        });
        var alice = await SignedInPagesAsync(Demo.Alice);

        var html = await HtmlAsync(await alice.GetAsync($"/Portal/Cases/Details/{id}"));

        var expected = TestId(html, "expected-response");
        Text(expected).ShouldStartWith("We'll reply by");
        ShouldShowInNewYork(expected, due);
        var followUp = TestId(html, "follow-up");
        Text(followUp).ShouldStartWith("Sam (Tier 1 agent) promised to get back to you by");
        ShouldShowInNewYork(followUp, promise.DueAt);
        followUp.ShouldContain("I will check with our TV team whether a firmware fix is coming and write back.");
        TestId(html, "holder").ShouldContain("Sam (Tier 1 agent)");
    }

    [Fact]
    public async Task The_portal_names_the_team_while_unassigned_says_when_we_wait_for_the_subscriber_and_promises_nothing_once_resolved()
    {
        var api = await app.SignedInAsync(Demo.Alice);
        var opened = await (await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Profile picture gone", category = "Account", description = "It vanished." })).JsonAsync();
        var id = opened.GetProperty("id").GetGuid();
        var alice = await SignedInPagesAsync(Demo.Alice);
        var page = $"/Portal/Cases/Details/{id}";

        var fresh = await HtmlAsync(await alice.GetAsync(page));
        TestId(fresh, "holder").ShouldContain("Not yet assigned — our support team will pick it up");
        TestId(fresh, "expected-response").ShouldContain("We'll reply by");

        await WithDb(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            var sam = await db.Agents.SingleAsync(a => a.Email == Demo.Agent1);
            c.Assign(sam, DateTimeOffset.UtcNow);
            db.Interactions.Add(c.ChangeStatus(sam, CaseStatus.PendingSubscriber, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var waiting = await HtmlAsync(await alice.GetAsync(page));
        TestId(waiting, "expected-response").ShouldContain("We're waiting for your answer.");
        waiting.ShouldNotContain("We'll reply by");

        var sam = await app.SignedInAsync(Demo.Agent1);
        (await sam.PostAsync($"/api/v1/cases/{id}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var resolved = await HtmlAsync(await alice.GetAsync(page));
        resolved.ShouldNotContain("data-testid=\"expected-response\"");
        resolved.ShouldNotContain("We'll reply by");
    }

    [Fact]
    public async Task The_agent_page_shows_the_subscriber_context_and_history_and_the_portal_page_shows_neither()
    {
        var id = await WithDb(db => db.Cases.Where(c => c.Subject == Buffering).Select(c => c.Id).SingleAsync());
        var sam = await SignedInPagesAsync(Demo.Agent1);
        var alice = await SignedInPagesAsync(Demo.Alice);

        var agentPage = await HtmlAsync(await sam.GetAsync($"/Agent/Cases/Details/{id}"));
        var context = TestId(agentPage, "subscriber-context");
        context.ShouldContain("Premium · 22.99 USD a month");
        context.ShouldContain("Samsung TV (2019)");
        context.ShouldContain("Visa •••• 4242");
        context.ShouldContain("Can't sign in on my new phone");
        context.ShouldContain("5.00 USD");
        TestId(agentPage, "tenure").ShouldContain("4 years, 1 month");
        TestId(agentPage, "case-history").ShouldContain("case.opened");

        var portalPage = await HtmlAsync(await alice.GetAsync($"/Portal/Cases/Details/{id}"));
        // (The app version alone is no secret: the demo incident's public title names "app 6.4.1" in Alice's banner.)
        foreach (var secret in new[] { "subscriber-context", "Visa", "Samsung TV (2019)", "case-history", "case.opened", "Tizen" })
        {
            portalPage.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task Choosing_a_macro_without_javascript_prefills_the_reply_and_its_explanation_reaches_the_portal()
    {
        var (caseId, macroId, explanation) = await WithDb(async db =>
        {
            var c = await db.Cases.Where(x => x.Subject == "Charged twice this month").Select(x => x.Id).SingleAsync();
            var m = await db.Macros.SingleAsync(x => x.Name == "Update the app first");
            return (c, m.Id, m.Explanation!);
        });
        var sam = await SignedInPagesAsync(Demo.Agent1);
        var page = $"/Agent/Cases/Details/{caseId}";

        var html = await HtmlAsync(await sam.GetAsync($"{page}?macro={macroId}"));
        var body = Field(html, "Message_Body");
        body.ShouldBe("Hi Alice, please update the app to the latest version and try again. Let me know if it still happens. — Sam");
        Field(html, "Message_Explanation").ShouldBe(explanation);
        html.ShouldContain($"<option value=\"{macroId}\" selected=\"selected\">");

        var token = TokenPattern().Match(await (await sam.GetAsync(page)).Content.ReadAsStringAsync()).Groups[1].Value;
        var sent = await sam.PostAsync($"{page}?handler=Message", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Message.Body"] = body,
            ["Message.Explanation"] = explanation,
            ["Message.Internal"] = "false",
            ["Message.RequestId"] = Guid.NewGuid().ToString(),
            ["__RequestVerificationToken"] = token,
        }));
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var alice = await SignedInPagesAsync(Demo.Alice);
        var portal = await HtmlAsync(await alice.GetAsync($"/Portal/Cases/Details/{caseId}"));
        portal.ShouldContain(body);
        Text(TestId(portal, "explanation")).ShouldBe("Why we ask this: " + explanation);

        var missing = await HtmlAsync(await sam.GetAsync($"{page}?macro={Guid.NewGuid()}"));
        missing.ShouldContain("was not found or is no longer in use.");
    }

    [Fact]
    public async Task Subscribers_are_kept_out_of_the_agent_case_page_and_other_subscribers_cases()
    {
        var id = await WithDb(db => db.Cases.Where(c => c.Subject == Buffering).Select(c => c.Id).SingleAsync());
        var alice = await SignedInPagesAsync(Demo.Alice);
        var bob = await SignedInPagesAsync(Demo.Bob);

        var agentPage = await alice.GetAsync($"/Agent/Cases/Details/{id}");
        agentPage.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        agentPage.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");

        var other = await bob.GetAsync($"/Portal/Cases/Details/{id}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("buffering");
    }

    [Fact]
    public async Task Only_supervisors_open_the_audit_log_and_the_macro_pages()
    {
        var number = await WithDb(db => db.Cases.Where(c => c.Subject == Buffering).Select(c => c.Number).SingleAsync());
        var sam = await SignedInPagesAsync(Demo.Agent1);
        foreach (var path in new[] { "/Agent/Audit", "/Agent/Macros", "/Agent/Macros/Edit" })
        {
            var refused = await sam.GetAsync(path);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            refused.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }

        var maria = await SignedInPagesAsync(Demo.Supervisor);
        var log = await HtmlAsync(await maria.GetAsync($"/Agent/Audit?case={CaseNumber.Format(number)}&prefix=case.&actor=alice"));
        log.ShouldContain("case.opened");
        log.ShouldNotContain("case.message_added"); // Sam's reply, filtered out by actor
        var macros = await HtmlAsync(await maria.GetAsync("/Agent/Macros"));
        macros.ShouldContain("Ask for device model and connection");
        var bad = await HtmlAsync(await maria.GetAsync("/Agent/Audit?case=nonsense"));
        bad.ShouldContain("Enter a case number like HD-000123.");
    }

    [Fact]
    public async Task A_supervisor_saving_a_macro_with_an_unknown_placeholder_is_told_the_valid_ones()
    {
        var maria = await SignedInPagesAsync(Demo.Supervisor);
        var token = TokenPattern().Match(await (await maria.GetAsync("/Agent/Macros/Edit")).Content.ReadAsStringAsync()).Groups[1].Value;

        var response = await maria.PostAsync("/Agent/Macros/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Greeting",
            ["Input.Body"] = "Dear {{subscriber.full_name}}",
            ["__RequestVerificationToken"] = token,
        }));

        var html = await HtmlAsync(response);
        html.ShouldContain("Unknown placeholder {{subscriber.full_name}}. Use one of: {{subscriber.first_name}}");
        (await WithDb(db => db.Macros.AnyAsync(m => m.Name == "Greeting"))).ShouldBeFalse();

        var token2 = TokenPattern().Match(await (await maria.GetAsync("/Agent/Macros/Edit")).Content.ReadAsStringAsync()).Groups[1].Value;
        var saved = await maria.PostAsync("/Agent/Macros/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Greeting",
            ["Input.Body"] = "Dear {{subscriber.first_name}}",
            ["__RequestVerificationToken"] = token2,
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDb(db => db.Macros.AnyAsync(m => m.Name == "Greeting" && m.IsActive))).ShouldBeTrue();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
