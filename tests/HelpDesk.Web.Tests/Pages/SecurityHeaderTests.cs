using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 14: a strict Content-Security-Policy with a per-request nonce and frame protection on every response.</summary>
public sealed partial class SecurityHeaderTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> ClientAsync(string? email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (email is not null)
        {
            await PageSession.SignInAsync(client, email);
        }

        return client;
    }

    public static TheoryData<string?, string> Pages => new()
    {
        { null, "/" },
        { null, "/Account/Login" },
        { null, "/Account/Register" },
        { null, "/Account/ForgotPassword" },
        { null, "/Contact" },
        { null, "/no-such-page" },
        { Demo.Alice, "/Portal/Cases" },
        { Demo.Alice, "/Portal/Cases/New" },
        { Demo.Alice, "/Portal/Callbacks/New" },
        { Demo.Alice, "/Portal/Welcome" },
        { Demo.Agent1, "/Agent" },
        { Demo.Agent1, "/Agent/Cases" },
        { Demo.Agent1, "/Agent/Chats" },
        { Demo.Admin, "/Admin" },
        { Demo.Admin, "/Admin/Mailboxes" },
        { null, "/health/live" },
        { null, "/api/v1/cases" },
        { null, "/openapi/v1.json" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_response_carries_a_strict_policy_and_frame_protection(string? email, string path)
    {
        var client = await ClientAsync(email);
        var response = await client.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        var nonce = NoncePattern().Match(csp).Groups[1].Value;
        nonce.Length.ShouldBeGreaterThanOrEqualTo(32);
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("base-uri 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        ScriptSource(csp).ShouldBe($"'self' 'nonce-{nonce}'");
        StyleSource(csp).ShouldBe("'self'");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBeOneOf("strict-origin-when-cross-origin", "no-referrer");

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            var html = await response.Content.ReadAsStringAsync();
            foreach (Match script in ScriptTag().Matches(html))
            {
                script.Value.ShouldContain($"nonce=\"{nonce}\"", customMessage: $"{path}: {script.Value}");
            }

            InlineHandler().Matches(html).Select(m => m.Value).ShouldBeEmpty(path);
            InlineStyle().Matches(html).Select(m => m.Value).ShouldBeEmpty(path);
        }

        // A new nonce for every response.
        var again = (await client.GetAsync(path)).Headers.GetValues("Content-Security-Policy").Single();
        NoncePattern().Match(again).Groups[1].Value.ShouldNotBe(nonce);
    }

    [Fact]
    public async Task The_api_reference_has_its_own_policy_and_still_cannot_be_framed()
    {
        var client = await ClientAsync(null);
        var response = await client.GetAsync("/scalar/v1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }

    private static string ScriptSource(string csp) => Directive(csp, "script-src");

    private static string StyleSource(string csp) => Directive(csp, "style-src");

    private static string Directive(string csp, string name) =>
        csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..];

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex NoncePattern();

    [GeneratedRegex("<script\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<[a-z][^>]*\\son[a-z]+\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex("<[a-z][^>]*\\sstyle\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}
