using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Issue 15: a person never reads an enum name or a queue key. Pages are fetched as each person sees them and their
/// visible text (tags, scripts and attribute values removed) is scanned.
/// </summary>
public sealed partial class WordsForPeopleTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [GeneratedRegex(@"\b(?:Portal|Email|Chat|Phone|Callback)-Tier\d\b")]
    private static partial Regex QueueKey();

    [GeneratedRegex(@"\b(?:PendingSubscriber|PendingInternal|WithAgent|WithAssistant|FallbackOffered|NoAnswer|WrongNumber|GivenUp|AccountTakeover|ChildSafety|SubscriberAskedForSupervisor|AgentRequest|Tier[1-3]|[a-z]+_[a-z_]+)\b")]
    private static partial Regex EnumName();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    private static string VisibleText(string html) => WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " "));

    private async Task<HttpClient> PagesAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    [Fact]
    public async Task Subscriber_pages_show_no_queue_key_and_no_enum_name()
    {
        var api = await app.SignedInAsync(Demo.Alice);
        var opened = await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Words test", category = "Billing", description = "Charged twice." });
        var id = (await opened.JsonAsync()).GetProperty("id").GetGuid();
        var escalated = await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Words test escalated", category = "Playback", description = "Buffering." });
        var escalatedId = (await escalated.JsonAsync()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/v1/cases/{escalatedId}/ask-supervisor", new { reason = "Please" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var alice = await PagesAsync(Demo.Alice);
        var found = new List<string>();
        foreach (var path in new[] { "/Portal/Cases", $"/Portal/Cases/Details/{id}", $"/Portal/Cases/Details/{escalatedId}", "/Portal/Cases/New", "/Portal/Callbacks/New", "/Portal/Account" })
        {
            var response = await alice.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var text = VisibleText(await response.Content.ReadAsStringAsync());
            found.AddRange(QueueKey().Matches(text).Select(m => $"{path}: queue key {m.Value}"));
            found.AddRange(EnumName().Matches(text).Select(m => $"{path}: {m.Value}"));
        }

        found.ShouldBeEmpty();
        var details = VisibleText(await alice.GetStringAsync($"/Portal/Cases/Details/{id}"));
        details.ShouldContain("our support team");
    }

    [Fact]
    public async Task The_agent_case_page_names_status_tier_queue_and_channel_in_words()
    {
        var api = await app.SignedInAsync(Demo.Bob);
        var opened = await api.PostAsJsonAsync("/api/v1/cases", new { subject = "Words for agents", category = "Playback", description = "Buffering." });
        var id = (await opened.JsonAsync()).GetProperty("id").GetGuid();

        var sam = await PagesAsync(Demo.Agent1);
        var text = VisibleText(await sam.GetStringAsync($"/Agent/Cases/Details/{id}"));

        QueueKey().Matches(text).Select(m => m.Value).ShouldBeEmpty();
        EnumName().Matches(text).Select(m => m.Value).Where(v => !v.Contains('_')).ShouldBeEmpty();
        text.ShouldContain("Tier 1 · Web portal");
    }
}

/// <summary>Issue 15: one message per field; the summary lists only errors that belong to no field.</summary>
public sealed partial class FormMessageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [GeneratedRegex("class=\"field-error[^\"]*\"[^>]*>([^<]+)<")]
    private static partial Regex FieldMessage();

    [GeneratedRegex("class=\"validation-summary-errors\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [Fact]
    public async Task The_empty_open_a_case_form_shows_exactly_one_message_per_field_and_no_internal_names()
    {
        var alice = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(alice, Demo.Alice);
        var token = await PageSession.TokenAsync(alice, "/Portal/Cases/New");

        var response = await alice.PostAsync("/Portal/Cases/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Subject"] = "", ["Input.Category"] = "", ["Input.Description"] = "", ["Input.RequestId"] = Guid.NewGuid().ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        var fieldMessages = FieldMessage().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())).Where(t => t.Length > 0).ToList();
        fieldMessages.ShouldBe(["Enter a subject that says what the case is about.", "Choose a category.", "Describe the problem so an agent can help."]);
        var summary = Summary().Match(html);
        (summary.Success ? Regex.Count(summary.Groups[1].Value, "<li>[^<]+</li>") : 0).ShouldBe(0, "the summary repeats no field's message");
        string.Join(" ", fieldMessages).ShouldNotContain("AccountTakeover");
    }
}

/// <summary>Issue 15: after signing in, an administrator lands on /Admin, everyone else on the home page.</summary>
public sealed class SignInLandingTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Theory]
    [InlineData(Demo.Admin, "/Admin")]
    [InlineData(Demo.Alice, "/")]
    public async Task Signing_in_lands_where_the_persons_work_is(string email, string expected)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await PageSession.TokenAsync(client, "/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = Demo.Password, ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe(expected);
    }
}
