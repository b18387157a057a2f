using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Access tokens that live three seconds (the default is 15 minutes).</summary>
public sealed class ShortTokenApp : HelpDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Auth:AccessTokenLifetime", "00:00:03");
    }
}

/// <summary>
/// The session check reads a bearer token once and hands the handler its result; it must still refuse a token that
/// expired, was altered, or belongs to a session that ended — as the bearer handler itself did.
/// </summary>
public sealed class AccessTokenExpiryTests(ShortTokenApp app) : IClassFixture<ShortTokenApp>
{
    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetAsync("/api/v1/auth/me")).StatusCode;
    }

    [Fact]
    public async Task An_access_token_works_until_it_expires_and_an_altered_one_never_does()
    {
        var login = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Agent1, password = Demo.Password })).JsonAsync();
        var token = login.GetProperty("accessToken").GetString()!;
        (await MeAsync(token)).ShouldBe(HttpStatusCode.OK);

        // One character changed anywhere in the protected payload: it does not decrypt.
        var middle = token.Length / 2;
        var altered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        (await MeAsync(altered)).ShouldBe(HttpStatusCode.Unauthorized);

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        (await MeAsync(token)).ShouldBe(HttpStatusCode.Unauthorized, "the token expired");

        // The refresh token (which lives longer) still gives a new access token that works.
        var refreshed = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await MeAsync((await refreshed.JsonAsync()).GetProperty("accessToken").GetString()!)).ShouldBe(HttpStatusCode.OK);
    }
}
