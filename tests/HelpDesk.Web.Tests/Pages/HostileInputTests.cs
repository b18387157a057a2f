using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 14: text and numbers from outside are refused with a message (never a 500), and stored only when clean.</summary>
public sealed class HostileInputTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
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

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string tokenPage, string path, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, tokenPage);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private async Task<T> DbAsync<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    [Theory]
    [InlineData("Subject with NUL \0 inside", "Fine description.", "subject", "NUL")]
    [InlineData("Bell \u0007 in the subject", "Fine description.", "subject", "control characters")]
    [InlineData("Two\r\nlines", "Fine description.", "subject", "one line")]
    [InlineData("Fine subject", "Description with NUL \0 inside", "description", "NUL")]
    [InlineData("Fine subject", "Escape \u001b[31m red", "description", "control characters")]
    public async Task Control_characters_in_an_api_case_are_refused_with_a_problem_naming_the_field(string subject, string description, string field, string words)
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var response = await alice.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Billing", description });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.JsonAsync();
        body.GetProperty("errors").GetProperty(field)[0].GetString().ShouldNotBeNull().ShouldContain(words);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_kept_in_multi_line_fields()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var response = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Multi-line description", category = "Billing", description = "First line\r\nSecond line\n\tindented" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_nul_in_a_portal_form_is_shown_next_to_the_field_and_saves_nothing()
    {
        var client = await PagesAsync(Demo.Alice);
        var before = await DbAsync(db => db.Cases.CountAsync());
        var response = await PostFormAsync(client, "/Portal/Cases/New", "/Portal/Cases/New", new()
        {
            ["Input.Subject"] = "Broken\0subject", ["Input.Category"] = "Billing", ["Input.Description"] = "Hello", ["Input.RequestId"] = Guid.NewGuid().ToString(),
        });

        // The framework refuses a form with a NUL before the page runs: a clear 400 page, not a 500.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("such as a NUL or other control character");

        // Other control characters reach the page and are named beside their field.
        var bell = await PostFormAsync(client, "/Portal/Cases/New", "/Portal/Cases/New", new()
        {
            ["Input.Subject"] = "Ringring", ["Input.Category"] = "Billing", ["Input.Description"] = "Hello", ["Input.RequestId"] = Guid.NewGuid().ToString(),
        });
        bell.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bell.Content.ReadAsStringAsync()).ShouldContain("Subject must not contain control characters (found U&#x2B;0007).");
        (await DbAsync(db => db.Cases.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_nul_in_sign_in_and_registration_is_refused_not_a_server_error()
    {
        var client = await PagesAsync(null);
        var login = await PostFormAsync(client, "/Account/Login", "/Account/Login", new() { ["Input.Email"] = "alice@example.com\0", ["Input.Password"] = "x" });
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await login.Content.ReadAsStringAsync()).ShouldContain("such as a NUL or other control character");
        var lineBreak = await PostFormAsync(client, "/Account/Login", "/Account/Login", new() { ["Input.Email"] = "alice@example.com\r\nBcc: x@y.example", ["Input.Password"] = "x" });
        lineBreak.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lineBreak.Content.ReadAsStringAsync()).ShouldContain("Enter a valid email address.");

        var api = app.CreateClient();
        var apiLogin = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "alice@example.com\0", password = "x" });
        apiLogin.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var search = await (await PagesAsync(Demo.Agent1)).GetAsync("/Agent/Cases?q=%00");
        search.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await search.Content.ReadAsStringAsync()).ShouldContain("must not contain a NUL character");
    }

    [Fact]
    public async Task A_guest_chat_name_with_a_nul_is_refused()
    {
        var api = app.CreateClient();
        var response = await api.PostAsJsonAsync("/api/v1/chats", new { guestName = "Eve\0", guestEmail = "eve@example.com", firstMessage = "Hi" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_email_with_control_characters_in_subject_name_body_and_file_name_is_stored_without_them()
    {
        var raw = System.Text.Encoding.UTF8.GetBytes(
            "From: =?utf-8?Q?Mallory=00=07_Sender?= <mallory@nul-mail.example>\r\nTo: support@helpdesk.example\r\n"
            + "Subject: =?utf-8?Q?Refund=00please=0D=0Anow?=\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\nMessage-ID: <nul-0001@nul-mail.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n"
            + "--mix\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBody=00with NUL\r\n"
            + "--mix\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename*=utf-8''bad%00name%0D%0A.txt\r\n\r\nhello\r\n--mix--\r\n");

        var result = await app.Services.IngestAsync(raw);
        var caseId = result.CaseId.ShouldNotBeNull();

        var subject = await DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Subject).SingleAsync());
        subject.ShouldNotContain('\0');
        subject.ShouldContain("Refund");
        var names = await DbAsync(db => db.CaseAttachments.Where(a => a.CaseId == caseId).Select(a => a.FileName).ToListAsync());
        names.ShouldAllBe(n => !n.Contains('\0') && !n.Contains('\n') && !n.Contains('\r'));
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("user@localhost")]
    [InlineData("user@example")]
    [InlineData("user@-bad-.com")]
    [InlineData("user@127.0.0.1")]
    [InlineData("two@@example.com")]
    [InlineData("line\nbreak@example.com")]
    public async Task Undeliverable_email_addresses_are_refused_at_registration(string email)
    {
        var api = app.CreateClient();
        var response = await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Long-enough-1", firstName = "Test" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_amount_with_more_digits_than_a_decimal_keeps_is_refused_not_rounded()
    {
        var (tier1Case, _, aliceId) = await Credits.CreditTestData.IdsAsync(app);
        var agent = await app.SignedInAsync(Demo.Agent1);
        var before = await DbAsync(db => db.CreditRequests.CountAsync(r => r.SubscriberId == aliceId));

        foreach (var amount in new[] { "1.00000000000000000000000000001", "1.001", "10.000000000000000000000000000001" })
        {
            var response = await agent.PostAsync($"/api/v1/cases/{tier1Case}/credits",
                new StringContent($$"""{"amount": {{amount}}, "currency": "USD", "reasonCode": "goodwill"}""", System.Text.Encoding.UTF8, "application/json"));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, amount + " " + await response.Content.ReadAsStringAsync());
        }

        var yen = await agent.PostAsJsonAsync($"/api/v1/cases/{tier1Case}/credits", new { amount = 100.5m, currency = "JPY", reasonCode = "goodwill" });
        yen.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await yen.Content.ReadAsStringAsync()).ShouldContain("JPY has no decimals");

        var page = await PagesAsync(Demo.Agent1);
        var form = await PostFormAsync(page, $"/Agent/Cases/Credit/{tier1Case}", $"/Agent/Cases/Credit/{tier1Case}", new()
        {
            ["Input.Amount"] = "2.00000000000000000000000000001", ["Input.Currency"] = "USD", ["Input.ReasonCode"] = "goodwill", ["Input.RequestId"] = Guid.NewGuid().ToString(),
        });
        form.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await form.Content.ReadAsStringAsync()).ShouldContain("more digits than can be kept exactly");
        (await DbAsync(db => db.CreditRequests.CountAsync(r => r.SubscriberId == aliceId))).ShouldBe(before);
    }

    [Fact]
    public async Task A_callback_for_someone_elses_case_is_not_found()
    {
        var bob = await app.SignedInAsync(Demo.Bob);
        var bobsCase = (await (await bob.PostAsJsonAsync("/api/v1/cases", new { subject = "Bob's own case", category = "Billing", description = "Mine." })).JsonAsync()).GetProperty("id").GetString();

        var alice = await PagesAsync(Demo.Alice);
        var response = await PostFormAsync(alice, "/Portal/Callbacks/New", $"/Portal/Callbacks/New?caseId={bobsCase}", new()
        {
            ["Input.Phone"] = "+1 212 555 0100", ["Input.Date"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"), ["Input.From"] = "09:00", ["Input.To"] = "12:00",
            ["Input.TimeZone"] = "America/New_York", ["Input.Topic"] = "Call me", ["CaseId"] = bobsCase!,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_post_with_an_unknown_or_missing_handler_is_not_found_on_every_page()
    {
        var (tier1Case, _, _) = await Credits.CreditTestData.IdsAsync(app);
        var agent = await PagesAsync(Demo.Agent1);
        var alice = await PagesAsync(Demo.Alice);
        var admin = await PagesAsync(Demo.Admin);
        var aliceCase = (await (await (await app.SignedInAsync(Demo.Alice)).GetAsync("/api/v1/cases?pageSize=1")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetString();

        foreach (var (client, page) in new[]
        {
            (agent, $"/Agent/Cases/Details/{tier1Case}"), (agent, "/Agent/Callbacks"), (agent, "/Agent/Chats"),
            (agent, "/Agent/Notifications"), (agent, $"/Agent/Cases/Credit/{tier1Case}"), (agent, $"/Agent/Cases/Escalate/{tier1Case}"),
            (alice, $"/Portal/Cases/Details/{aliceCase}"), (alice, "/Portal/Callbacks/New"), (alice, "/Portal/Cases/New"),
            (admin, "/Admin/Mailboxes"), (admin, "/Admin/Agents"), (admin, "/Admin/ChatAssistant"), (admin, "/Admin/Sla"),
        })
        {
            var unknown = await PostFormAsync(client, page, page + (page.Contains('?') ? "&" : "?") + "handler=NoSuchHandler", []);
            ((int)unknown.StatusCode).ShouldBeLessThan(500, $"{page} ?handler=NoSuchHandler answered {unknown.StatusCode}");
            var missing = await PostFormAsync(client, page, page, []);
            ((int)missing.StatusCode).ShouldBeLessThan(500, $"{page} without a handler answered {missing.StatusCode}");
            var unknownGet = await client.GetAsync(page + (page.Contains('?') ? "&" : "?") + "handler=NoSuchHandler");
            ((int)unknownGet.StatusCode).ShouldBeLessThan(500, $"GET {page} ?handler=NoSuchHandler answered {unknownGet.StatusCode}");
        }
    }
}
