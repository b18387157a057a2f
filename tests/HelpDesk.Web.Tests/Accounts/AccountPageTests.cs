using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Web.Tests.Accounts.AccountTestSteps;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>Issue 19 item 6: the subscriber's account pages — password, address, every session, my data.</summary>
public sealed class AccountPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? tokenPage = null)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, tokenPage ?? path);
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_browser_signed_in_and_ends_every_other_session()
    {
        var email = await RegisterConfirmedAsync(app, "change");
        var here = Browser();
        var elsewhere = Browser();
        await PageSession.SignInAsync(here, email, Password);
        await PageSession.SignInAsync(elsewhere, email, Password);
        var bearer = await LoginAsync(app, email);

        var wrong = await PostFormAsync(here, "/Portal/Account/Password", new() { ["Input.CurrentPassword"] = "Wrong!pass1", ["Input.NewPassword"] = "N3w!password" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("The current password is not right.");

        var changed = await PostFormAsync(here, "/Portal/Account/Password", new() { ["Input.CurrentPassword"] = Password, ["Input.NewPassword"] = "N3w!password" });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await here.GetAsync("/Portal/Account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await elsewhere.GetAsync("/Portal/Account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MeAsync(app, bearer.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = bearer.GetProperty("refreshToken").GetString() })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await LoginAsync(app, email, "N3w!password");
    }

    [Fact]
    public async Task Sign_out_of_all_sessions_ends_this_browser_the_others_and_the_api_tokens()
    {
        var email = await RegisterConfirmedAsync(app, "everywhere");
        var here = Browser();
        var elsewhere = Browser();
        await PageSession.SignInAsync(here, email, Password);
        await PageSession.SignInAsync(elsewhere, email, Password);
        var bearer = await LoginAsync(app, email);

        // First the question (without JavaScript), and nothing ends.
        var asked = await PostFormAsync(here, "/Portal/Account?handler=EndSessions", new(), "/Portal/Account");
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        System.Net.WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync()).ShouldContain("Sign out of every session, this one too?");
        (await elsewhere.GetAsync("/Portal/Account")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync(app, bearer.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.OK);

        var ended = await PostFormAsync(here, "/Portal/Account?handler=EndSessions", new() { ["confirmed"] = "true" }, "/Portal/Account");
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ended.Headers.Location!.ToString().ShouldBe("/");

        (await here.GetAsync("/Portal/Account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await elsewhere.GetAsync("/Portal/Account")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await MeAsync(app, bearer.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_address_takes_effect_only_when_the_link_sent_to_it_is_opened()
    {
        var email = await RegisterConfirmedAsync(app, "mover");
        var moved = $"moved-{Guid.NewGuid():N}@example.com";
        var here = Browser();
        await PageSession.SignInAsync(here, email, Password);

        (await PostFormAsync(here, "/Portal/Account/Email", new() { ["Input.NewEmail"] = moved, ["Input.CurrentPassword"] = Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await AccountLinks.LatestLinkAsync(app.Services, moved, "/Account/ConfirmEmailChange");

        // Nothing changed yet.
        await LoginAsync(app, email);
        var form = System.Web.HttpUtility.ParseQueryString(new Uri(link.Url).Query);
        var tampered = await PostFormAsync(Browser(), "/Account/ConfirmEmailChange",
            new() { ["Input.UserId"] = link.UserId, ["Input.Email"] = $"thief-{Guid.NewGuid():N}@example.com", ["Input.Code"] = link.Code });
        (await tampered.Content.ReadAsStringAsync()).ShouldContain("This link is not valid");

        var opened = await PostFormAsync(Browser(), "/Account/ConfirmEmailChange",
            new() { ["Input.UserId"] = link.UserId, ["Input.Email"] = form["email"]!, ["Input.Code"] = link.Code });
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var signedIn = await app.SignedInAsync(moved, Password);
        (await (await signedIn.GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("email").GetString().ShouldBe(moved);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        (await db.Subscribers.AsNoTracking().CountAsync(s => s.Email == moved && s.UserId == link.UserId)).ShouldBe(1);
        (await db.OutboundEmails.AsNoTracking().AnyAsync(e => e.ToAddress == email && e.Subject == "Your HelpDesk account now uses another email address")).ShouldBeTrue();
    }

    [Fact]
    public async Task Download_my_data_holds_my_cases_public_messages_and_credits_and_no_internal_note()
    {
        var email = await RegisterConfirmedAsync(app, "export");
        var me = await app.SignedInAsync(email, Password);
        var opened = await (await me.PostAsJsonAsync("/api/v1/cases", new { subject = "Charged twice", category = "Billing", description = "Two charges this month." })).JsonAsync();
        var caseId = opened.GetProperty("id").GetString();
        var agent = await app.SignedInAsync(Demo.Agent2);
        (await agent.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { body = "INTERNAL: looks like fraud", @internal = true })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new { body = "We refunded the second charge." })).EnsureSuccessStatusCode();
        (await agent.PostAsJsonAsync($"/api/v1/cases/{caseId}/credits", new { amount = 5m, currency = "USD", reasonCode = "billing_error", note = "STAFF NOTE" })).EnsureSuccessStatusCode();

        var page = Browser();
        await PageSession.SignInAsync(page, email, Password);
        var download = await page.GetAsync("/Portal/Account?handler=Export");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        download.Content.Headers.ContentDisposition!.FileName!.ShouldContain("helpdesk-my-data");
        var text = await download.Content.ReadAsStringAsync();
        text.ShouldNotContain("INTERNAL: looks like fraud");
        text.ShouldNotContain("STAFF NOTE");
        text.ShouldNotContain(Demo.Alice);
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("profile").GetProperty("email").GetString().ShouldBe(email);
        var exported = json.GetProperty("cases").EnumerateArray().ShouldHaveSingleItem();
        exported.GetProperty("subject").GetString().ShouldBe("Charged twice");
        exported.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ShouldContain("We refunded the second charge.");
        var credit = json.GetProperty("credits").EnumerateArray().ShouldHaveSingleItem();
        credit.GetProperty("amount").GetDecimal().ShouldBe(5m);
    }
}
