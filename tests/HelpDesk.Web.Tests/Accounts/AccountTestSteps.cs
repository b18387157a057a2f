using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;

namespace HelpDesk.Web.Tests.Accounts;

/// <summary>Steps the account tests share: over HTTP, with links read from the real outbox rows.</summary>
internal static class AccountTestSteps
{
    public const string Password = "Str0ng!pass";

    public static async Task<string> RegisterConfirmedAsync(HelpDeskAppFactory app, string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        var client = app.CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, firstName = "Test" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var (userId, code, _) = await AccountLinks.LatestLinkAsync(app.Services, email, "/Account/ConfirmEmail");
        (await client.PostAsJsonAsync("/api/v1/auth/confirm-email", new { userId, token = code, password = Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return email;
    }

    public static async Task<JsonElement> LoginAsync(HelpDeskAppFactory app, string email, string password = Password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static async Task<HttpStatusCode> MeAsync(HelpDeskAppFactory app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return (await client.GetAsync("/api/v1/auth/me")).StatusCode;
    }

    public static Task<HttpResponseMessage> AskResetAsync(HelpDeskAppFactory app, string email) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset", new { email });

    public static Task<HttpResponseMessage> ResetAsync(HelpDeskAppFactory app, string userId, string token, string newPassword) =>
        app.CreateClient().PostAsJsonAsync("/api/v1/auth/password-reset/confirm", new { userId, token, newPassword });
}
