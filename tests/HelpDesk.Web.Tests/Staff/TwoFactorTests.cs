using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Staff;

/// <summary>The app as shipped: supervisors and administrators must sign in with a second factor (ADR 0114).</summary>
public sealed class TwoFactorAppFactory : HelpDeskAppFactory
{
    protected override bool RequireTwoFactor => true;
}

/// <summary>
/// Two-factor sign-in in the pages and the API, with codes computed by an independent RFC 6238 implementation
/// (<see cref="Totp"/>) from the key the setup page shows, as an authenticator app would.
/// </summary>
public sealed partial class TwoFactorTests(TwoFactorAppFactory app) : IClassFixture<TwoFactorAppFactory>
{
    private HttpClient Pages() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string? handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, pagePath);
        return await client.PostAsync(handler is null ? pagePath : $"{pagePath}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in with the password, is held on the setup page, enrols; returns the key and the recovery codes.</summary>
    private async Task<(string Key, List<string> RecoveryCodes, HttpClient Browser)> EnrolAsync(string email, string workPage)
    {
        var browser = Pages();
        await PageSession.SignInAsync(browser, email);
        var held = await browser.GetAsync(workPage);
        held.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        held.Headers.Location!.ToString().ShouldBe("/Account/TwoFactor");
        (await browser.GetAsync("/api/v1/cases")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);

        var setup = WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/TwoFactor"));
        setup.ShouldContain("data-testid=\"two-factor-required\"");
        setup.ShouldContain("src=\"data:image/png;base64,");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        key.Length.ShouldBeGreaterThanOrEqualTo(16);

        var wrong = await PostFormAsync(browser, "/Account/TwoFactor", "Enable", new() { ["Code"] = Totp.WrongCode(key) });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("That code is not right");

        var enabled = await PostFormAsync(browser, "/Account/TwoFactor", "Enable", new() { ["Code"] = Totp.Code(key) });
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = CodePattern().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        codes.Count.ShouldBe(10);

        // The same browser now goes on to work (a fresh session was issued with the second factor).
        (await browser.GetAsync(workPage)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (key, codes, browser);
    }

    [Fact]
    public async Task A_supervisor_must_set_up_a_second_factor_and_then_signs_in_with_it_in_pages_and_api()
    {
        // Before setting it up, the API gives no token.
        var refused = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Supervisor, password = Demo.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.JsonAsync()).GetProperty("twoFactorSetupRequired").GetBoolean().ShouldBeTrue();

        var (key, _, _) = await EnrolAsync(Demo.Supervisor, "/Agent/Cases");

        // Pages: the password leads to the code page; a wrong code is refused, the right one signs in.
        var browser = Pages();
        var token = await PageSession.TokenAsync(browser, "/Account/Login");
        var password = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Supervisor, ["Input.Password"] = Demo.Password, ["__RequestVerificationToken"] = token,
        }));
        password.Headers.Location!.ToString().ShouldStartWith("/Account/LoginWith2fa");
        (await browser.GetAsync("/Agent/Cases")).StatusCode.ShouldBe(HttpStatusCode.Redirect); // not signed in yet
        var wrong = await PostFormAsync(browser, "/Account/LoginWith2fa", null, new() { ["Code"] = Totp.WrongCode(key) });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("That code is not right");
        var right = await PostFormAsync(browser, "/Account/LoginWith2fa", null, new() { ["Code"] = Totp.Code(key) });
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/Agent/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // API: the password step answers with a challenge; a wrong code is refused; the right code gives tokens.
        var api = app.CreateClient();
        var step = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Supervisor, password = Demo.Password });
        step.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await step.JsonAsync();
        body.GetProperty("twoFactorRequired").GetBoolean().ShouldBeTrue();
        body.TryGetProperty("accessToken", out _).ShouldBeFalse();
        var challenge = body.GetProperty("challenge").GetString();

        (await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge, code = Totp.WrongCode(key) })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge = challenge + "x", code = Totp.Code(key) })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var tokens = await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge, code = Totp.Code(key) });
        tokens.StatusCode.ShouldBe(HttpStatusCode.OK);
        var access = (await tokens.JsonAsync()).GetProperty("accessToken").GetString();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        (await api.GetAsync("/api/v1/reports/supervisor")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (_, codes, _) = await EnrolAsync(Demo.Admin, "/Admin/Staff");
        var api = app.CreateClient();

        async Task<string> ChallengeAsync() =>
            (await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Admin, password = Demo.Password })).JsonAsync()).GetProperty("challenge").GetString()!;

        (await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge = await ChallengeAsync(), recoveryCode = codes[0] })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reused = await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge = await ChallengeAsync(), recoveryCode = codes[0] });
        reused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await reused.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("each one works once");

        // The page's recovery form: another code works, the same one again does not.
        var browser = Pages();
        await PageSession.SignInAsync(browser, Demo.Admin);
        (await PostFormAsync(browser, "/Account/LoginWith2fa", "Recovery", new() { ["RecoveryCode"] = codes[1] })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = Pages();
        await PageSession.SignInAsync(second, Demo.Admin);
        var again = await PostFormAsync(second, "/Account/LoginWith2fa", "Recovery", new() { ["RecoveryCode"] = codes[1] });
        (await again.Content.ReadAsStringAsync()).ShouldContain("each one works once");
    }

    [Fact]
    public async Task Repeated_wrong_codes_lock_the_account_even_against_the_right_code()
    {
        // An agent: two-factor is optional for agents, and they may turn it on.
        var browser = Pages();
        await PageSession.SignInAsync(browser, Demo.Agent3);
        (await browser.GetAsync("/Agent/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK); // not held: optional for agents
        var setup = WebUtility.HtmlDecode(await browser.GetStringAsync("/Account/TwoFactor"));
        setup.ShouldContain("data-testid=\"two-factor-state\"");
        var key = KeyPattern().Match(setup).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        (await PostFormAsync(browser, "/Account/TwoFactor", "Enable", new() { ["Code"] = Totp.Code(key) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var api = app.CreateClient();
        var challenge = (await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Agent3, password = Demo.Password })).JsonAsync())
            .GetProperty("challenge").GetString();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge, code = Totp.WrongCode(key) })).StatusCode);
        }

        statuses.Take(4).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses[4].ShouldBe((HttpStatusCode)423);
        (await api.PostAsJsonAsync("/api/v1/auth/login/two-factor", new { challenge, code = Totp.Code(key) })).StatusCode.ShouldBe((HttpStatusCode)423);

        // The sign-in page is locked too: even the right password does not reach the code step.
        var page = Pages();
        var locked = await PostFormAsync(page, "/Account/Login", null, new() { ["Input.Email"] = Demo.Agent3, ["Input.Password"] = Demo.Password });
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("locked for 15 minutes");
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex CodePattern();
}
