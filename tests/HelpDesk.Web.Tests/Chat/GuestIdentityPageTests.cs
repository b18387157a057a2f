using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Chat;

/// <summary>
/// Issue 7 follow-up: a guest's email is a claim. Staff see an unmissable "identity not verified" warning (and whether the
/// email matches a registered account) with the subscriber context collapsed; the guest is never told whether it matches.
/// </summary>
public sealed partial class GuestIdentityPageTests(ChatConsoleApp app) : IClassFixture<ChatConsoleApp>
{
    private const string NotVerified = "Guest — identity not verified.";
    private const string Matches = "The email they gave matches a registered account; don't discuss or change account details until they sign in.";

    private async Task<(Guid ChatId, Guid CaseId, string Json)> GuestChatAsync(string email)
    {
        var http = app.CreateClient();
        var started = await http.PostAsJsonAsync("/api/v1/chats", new { guestName = "Al Ice", guestEmail = email, firstMessage = "I can't sign in" });
        var body = await started.Content.ReadAsStringAsync();
        started.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var root = JsonDocument.Parse(body).RootElement;
        var chat = root.GetProperty("chat");
        var id = chat.GetProperty("id").GetGuid();
        var token = root.GetProperty("accessToken").GetString()!;
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/chats/{id}");
        get.Headers.Add("X-Chat-Token", token);
        var read = await http.SendAsync(get);
        var readBody = await read.Content.ReadAsStringAsync();
        read.StatusCode.ShouldBe(HttpStatusCode.OK, readBody);
        return (id, chat.GetProperty("caseId").GetGuid(), body + "\n" + readBody);
    }

    private async Task<HttpClient> StaffAsync()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, Demo.Supervisor);
        return client;
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return WebUtility.HtmlDecode(html);
    }

    [GeneratedRegex("<details class=\"guest-context\" data-testid=\"guarded-context\">\\s*<summary>[^<]*</summary>\\s*<aside class=\"context\"")]
    private static partial Regex CollapsedContext();

    [Fact]
    public async Task A_guest_giving_a_registered_subscribers_email_is_flagged_and_the_account_context_is_collapsed_on_the_chat_and_case_pages()
    {
        var (chatId, caseId, _) = await GuestChatAsync(Demo.Alice);
        var staff = await StaffAsync();
        foreach (var path in new[] { $"/Agent/Chats/Chat/{chatId}", $"/Agent/Cases/Details/{caseId}" })
        {
            var html = await PageAsync(staff, path);
            html.ShouldContain("data-testid=\"guest-identity-warning\"", customMessage: path);
            html.ShouldContain(NotVerified, customMessage: path);
            html.ShouldContain(Matches, customMessage: path);
            CollapsedContext().IsMatch(html).ShouldBeTrue(path);
            html.ShouldNotContain("<details class=\"guest-context\" data-testid=\"guarded-context\" open", customMessage: path);
        }

        // Crediting the account from the case is not blocked, but its page carries the same warning.
        var credit = await PageAsync(staff, $"/Agent/Cases/Credit/{caseId}");
        credit.ShouldContain(Matches);
        credit.ShouldContain("data-testid=\"submit-credit\"");
    }

    [Fact]
    public async Task A_guest_with_a_new_email_is_flagged_as_not_verified_without_the_account_match()
    {
        var (chatId, caseId, _) = await GuestChatAsync($"new.{Guid.NewGuid():N}@example.net");
        var staff = await StaffAsync();
        foreach (var path in new[] { $"/Agent/Chats/Chat/{chatId}", $"/Agent/Cases/Details/{caseId}" })
        {
            var html = await PageAsync(staff, path);
            html.ShouldContain(NotVerified, customMessage: path);
            html.ShouldNotContain("matches a registered account", customMessage: path);
            CollapsedContext().IsMatch(html).ShouldBeTrue(path);
        }
    }

    [Fact]
    public async Task A_signed_in_subscribers_chat_shows_no_warning_and_the_context_open()
    {
        var api = await app.SignedInAsync(Demo.Alice);
        var started = await api.PostAsJsonAsync("/api/v1/chats", new { firstMessage = "Hello" });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var chat = (await started.JsonAsync()).GetProperty("chat");
        var staff = await StaffAsync();
        foreach (var path in new[] { $"/Agent/Chats/Chat/{chat.GetProperty("id").GetGuid()}", $"/Agent/Cases/Details/{chat.GetProperty("caseId").GetGuid()}" })
        {
            var html = await PageAsync(staff, path);
            html.ShouldNotContain("guest-identity-warning", customMessage: path);
            html.ShouldNotContain(NotVerified, customMessage: path);
            html.ShouldNotContain("guarded-context", customMessage: path);
            html.ShouldContain("data-testid=\"subscriber-context\"", customMessage: path);
        }
    }

    [Fact]
    public async Task The_guests_own_payloads_never_say_whether_their_email_matches_an_account()
    {
        var (_, _, registered) = await GuestChatAsync(Demo.Alice);
        var (_, _, unknown) = await GuestChatAsync($"other.{Guid.NewGuid():N}@example.net");
        foreach (var json in new[] { registered, unknown })
        {
            foreach (var name in json.Split('\n').SelectMany(b => PropertyNames(JsonDocument.Parse(b).RootElement)))
            {
                name.ShouldNotContain("match", Case.Insensitive);
                name.ShouldNotContain("verif", Case.Insensitive);
                name.ShouldNotContain("registered", Case.Insensitive);
                name.ShouldNotContain("userId", Case.Insensitive);
            }
        }

        // Same shape either way: nothing in the structure tells the two apart.
        static string Shape(string bodies) => string.Join("|", bodies.Split('\n').Select(b => Names(JsonDocument.Parse(b).RootElement)));
        static string Names(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name).Select(p => p.Name + ":" + Names(p.Value))) + "}",
            JsonValueKind.Array => "[" + (e.GetArrayLength() > 0 ? Names(e[0]) : "") + "]",
            _ => e.ValueKind == JsonValueKind.Null ? "null" : "v",
        };
        Shape(registered).ShouldBe(Shape(unknown));
    }

    private static IEnumerable<string> PropertyNames(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    [Fact]
    public async Task The_widget_asks_every_guest_to_sign_in_first_with_a_link_back_to_the_page()
    {
        var html = WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/?q=x"));
        html.ShouldContain("If you have an account, sign in first so we can see your account details.");
        html.ShouldContain("/Account/Login?returnUrl=%2F%3Fq%3Dx");
    }
}
