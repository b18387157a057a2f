using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Email;

/// <summary>The satisfaction link and the agent's view of outgoing mail, over HTTP, with mail delivered to a real SMTP server.</summary>
public sealed partial class EmailPageTests(MailAppFactory app) : IClassFixture<MailAppFactory>
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

    private async Task<string> OpenAsync(string subject)
    {
        var subscriber = await app.SignedInAsync(Demo.Alice);
        var body = await (await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Billing", description = "Charged twice." })).JsonAsync();
        return body.GetProperty("id").GetString()!;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, pagePath);
        return await client.PostAsync(handler is null ? pagePath : $"{pagePath}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_satisfaction_link_takes_one_answer_and_then_shows_it()
    {
        var id = await OpenAsync("Satisfaction flow");
        var agent = await app.SignedInAsync(Demo.Agent1);
        (await agent.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "Resolved" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = app.Smtp.Messages.Count;
        await app.Services.SendDueEmailsAsync();
        var mail = (await app.Smtp.WaitForMessagesAsync(before + 1)).Single(m => m.MessageId.StartsWith(Guid.Parse(id).ToString("N"), StringComparison.Ordinal)
            && (m.Message.Subject ?? "").Contains("Resolved:", StringComparison.Ordinal));
        var token = LinkPattern().Match(mail.Text).Groups[1].Value;
        token.Length.ShouldBeGreaterThan(40);
        var path = $"/satisfaction/{token}";

        var visitor = await PagesAsync(null);
        var form = await visitor.GetAsync(path);
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        form.Headers.GetValues("Referrer-Policy").ShouldContain("no-referrer");
        (await form.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"satisfaction-form\"");

        // No antiforgery token: refused, nothing recorded.
        (await visitor.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Rating"] = "1" }))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        // Out of range: explained, nothing recorded.
        var invalid = await PostFormAsync(visitor, path, null, new() { ["Rating"] = "9" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("Choose a rating from 1 to 5.");

        var answered = await PostFormAsync(visitor, path, null, new() { ["Rating"] = "4", ["Comment"] = "Quick <b>and</b> kind" });
        answered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await visitor.GetStringAsync(path);
        shown.ShouldContain("You rated our help 4 out of 5.");
        shown.ShouldContain("Quick &lt;b&gt;and&lt;/b&gt; kind");
        shown.ShouldNotContain("data-testid=\"satisfaction-form\"");

        // A second answer changes nothing (a replayed form post included).
        var again = await visitor.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Rating"] = "1",
            ["__RequestVerificationToken"] = AntiforgeryPattern().Match(await (await visitor.GetAsync($"/satisfaction/{token}")).Content.ReadAsStringAsync()).Groups[1].Value,
        }));
        again.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        (await visitor.GetStringAsync(path)).ShouldContain("You rated our help 4 out of 5.");

        (await visitor.GetAsync("/satisfaction/" + new string('A', 43))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync("/satisfaction/short")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var staff = await PagesAsync(Demo.Agent1);
        (await staff.GetStringAsync($"/Agent/Cases/Details/{id}")).ShouldContain("Rated 4 out of 5");
        var api = await (await agent.GetAsync($"/api/v1/cases/{id}/emails")).JsonAsync();
        api.GetProperty("satisfaction").GetProperty("rating").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task A_failed_email_shows_on_the_case_page_and_retry_now_sends_it()
    {
        await app.Services.SendDueEmailsAsync();
        app.Smtp.FailMailFrom("550 5.7.1 Relaying denied", times: 1);
        string id;
        try
        {
            id = await OpenAsync("Deliveries partial");
            (await app.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(HelpDesk.Application.Email.SendDueEmails.Outcome.Failed);
        }
        finally
        {
            app.Smtp.StopFailing();
        }

        var path = $"/Agent/Cases/Details/{id}";
        var staff = await PagesAsync(Demo.Agent1);
        var page = await staff.GetStringAsync(path);
        page.ShouldContain("data-testid=\"email-deliveries\"");
        page.ShouldContain("data-state=\"Failed\"");
        page.ShouldContain("550");
        page.ShouldContain("Retry now");
        page.ShouldNotContain("data-testid=\"email-not-configured\"");

        var agent = await app.SignedInAsync(Demo.Agent1);
        var emails = await (await agent.GetAsync($"/api/v1/cases/{id}/emails")).JsonAsync();
        emails.GetProperty("emailConfigured").GetBoolean().ShouldBeTrue();
        var email = emails.GetProperty("emails")[0];
        email.GetProperty("state").GetString().ShouldBe("Failed");
        var emailId = email.GetProperty("id").GetString()!;

        var retried = await PostFormAsync(staff, path, "RetryEmail", new() { ["emailId"] = emailId });
        retried.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.GetStringAsync(path)).ShouldContain("data-state=\"Queued\"");
        (await app.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(HelpDesk.Application.Email.SendDueEmails.Outcome.Sent);
        (await staff.GetStringAsync(path)).ShouldContain("data-state=\"Sent\"");

        // Sent mail is never sent twice; a subscriber cannot see the case's mail at all.
        (await agent.PostAsync($"/api/v1/cases/{id}/emails/{emailId}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var subscriber = await app.SignedInAsync(Demo.Alice);
        (await subscriber.GetAsync($"/api/v1/cases/{id}/emails")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    [GeneratedRegex("/satisfaction/([A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}

/// <summary>Without any SMTP server or mailbox, mail stays queued and the case page says email is not configured.</summary>
public sealed class EmailNotConfiguredPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Mail_stays_queued_and_the_case_page_says_email_is_not_configured()
    {
        var subscriber = await app.SignedInAsync(Demo.Alice);
        var id = (await (await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject = "No SMTP", category = "Billing", description = "Hello." })).JsonAsync())
            .GetProperty("id").GetString()!;
        (await app.Services.SendDueEmailsAsync()).ShouldBeEmpty();

        var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(staff, Demo.Agent1);
        var page = await staff.GetStringAsync($"/Agent/Cases/Details/{id}");
        page.ShouldContain("data-testid=\"email-not-configured\"");
        page.ShouldContain("data-state=\"Queued\"");
    }
}
