using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Issue 14: sign-out and revocation end sessions on the server. A refresh token works once, and replaying a used one
/// ends its whole family; a copied cookie or bearer token stops working after sign-out; access tokens are short-lived.
/// </summary>
public sealed class SessionTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<JsonElement> LoginAsync(string email)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Demo.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    private Task<HttpResponseMessage> RefreshAsync(string? refreshToken) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetAsync("/api/v1/auth/me")).StatusCode;
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_replaying_it_revokes_the_whole_family()
    {
        var login = await LoginAsync(Demo.Bob);
        var first = login.GetProperty("refreshToken").GetString();

        var rotated = await RefreshAsync(first);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await rotated.JsonAsync();
        var secondAccess = second.GetProperty("accessToken").GetString()!;
        (await MeAsync(secondAccess)).ShouldBe(HttpStatusCode.OK);

        // The same token again: refused, and the family (the newer refresh token and every access token) is dead.
        (await RefreshAsync(first)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(second.GetProperty("refreshToken").GetString())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(secondAccess)).ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(login.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.Unauthorized);

        // Another sign-in of the same account is its own family and still works.
        (await MeAsync((await LoginAsync(Demo.Bob)).GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Access_tokens_are_short_lived()
    {
        var login = await LoginAsync(Demo.Alice);

        login.GetProperty("expiresIn").GetInt32().ShouldBeLessThanOrEqualTo(15 * 60);
    }

    [Fact]
    public async Task Signing_out_over_the_api_ends_the_bearer_session_at_once_and_revoke_ends_a_refresh_family()
    {
        var login = await LoginAsync(Demo.Agent2);
        var access = login.GetProperty("accessToken").GetString()!;
        var other = await LoginAsync(Demo.Agent2);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(access)).ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(login.GetProperty("refreshToken").GetString())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await MeAsync(other.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.OK); // only this session

        var revoke = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/revoke", new { refreshToken = other.GetProperty("refreshToken").GetString() });
        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MeAsync(other.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/revoke", new { refreshToken = "garbage" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_copied_auth_cookie_stops_working_after_sign_out()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = new Dictionary<string, string>();
        async Task<HttpResponseMessage> Send(HttpRequestMessage request, Dictionary<string, string> jar)
        {
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await browser.SendAsync(request);
            foreach (var set in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = set.Split(';', 2)[0].Split('=', 2);
                if (pair[1].Length == 0) { jar.Remove(pair[0]); } else { jar[pair[0]] = pair[1]; }
            }

            return response;
        }

        var loginPage = await (await Send(new HttpRequestMessage(HttpMethod.Get, "/Account/Login"), cookies)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(loginPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        (await Send(new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = Demo.Alice, ["Input.Password"] = Demo.Password, ["__RequestVerificationToken"] = token }),
        }, cookies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var copied = new Dictionary<string, string>(cookies);
        (await Send(new HttpRequestMessage(HttpMethod.Get, "/Portal/Cases"), new Dictionary<string, string>(copied))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var portal = await (await Send(new HttpRequestMessage(HttpMethod.Get, "/Portal/Cases"), cookies)).Content.ReadAsStringAsync();
        var logoutToken = System.Text.RegularExpressions.Regex.Match(portal, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        (await Send(new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = logoutToken }),
        }, cookies)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var replayed = await Send(new HttpRequestMessage(HttpMethod.Get, "/Portal/Cases"), new Dictionary<string, string>(copied));
        replayed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        replayed.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task Signing_out_everywhere_changes_the_security_stamp_and_ends_cookie_and_bearer_sessions()
    {
        var cookie = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(cookie, Demo.Agent3);
        (await cookie.GetAsync("/Agent/Cases")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var first = (await LoginAsync(Demo.Agent3)).GetProperty("accessToken").GetString()!;
        var second = await LoginAsync(Demo.Agent3);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first);

        (await client.PostAsJsonAsync("/api/v1/auth/logout", new { everywhere = true })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await MeAsync(second.GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.Unauthorized);
        (await RefreshAsync(second.GetProperty("refreshToken").GetString())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await cookie.GetAsync("/Agent/Cases");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await MeAsync((await LoginAsync(Demo.Agent3)).GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.OK);
    }
}
