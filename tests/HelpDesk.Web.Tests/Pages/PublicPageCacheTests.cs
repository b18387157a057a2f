using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Issue 17 / ADR 0121: the public status and contact pages are output-cached for anonymous visitors. A cached answer
/// sends no SQL; declaring an incident shows on the status page at once; a signed-in visitor is never served, and never
/// fills, the anonymous copy; every answer gets its own Content-Security-Policy nonce.
/// </summary>
public sealed partial class PublicPageCacheTests(StatementCountingApp app, ITestOutputHelper output) : IClassFixture<StatementCountingApp>
{
    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(string Body, IReadOnlyList<string> Sent, HttpResponseMessage Response)> GetAsync(HttpClient client, string path)
    {
        app.Statements.Clear();
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var sent = app.Statements.For(path);
        output.WriteLine($"GET {path}: {sent.Count} statements, age {response.Headers.Age?.ToString() ?? "-"}");
        return (body, sent, response);
    }

    private static string Nonce(HttpResponseMessage response) =>
        CspNonce().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;

    [Fact]
    public async Task A_second_anonymous_status_request_is_served_from_the_cache_and_a_declared_incident_shows_at_once()
    {
        // A zone no other test uses: its own cache entry (the copy varies by the visitor's zone), whatever ran before.
        var visitor = Anonymous();
        visitor.DefaultRequestHeaders.Add("Cookie", "hd_tz=Asia/Tokyo");
        var (first, firstSent, firstResponse) = await GetAsync(visitor, "/status");
        first.ShouldContain("Asia/Tokyo");
        firstSent.Count.ShouldBeGreaterThan(0, "the first view reads the incidents");
        firstResponse.Headers.Contains("Set-Cookie").ShouldBeFalse(
            "an answer that sets a cookie is never cached: " + string.Join("; ", firstResponse.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));

        firstResponse.Headers.Age.ShouldBeNull("the first view is rendered");
        var (second, secondSent, secondResponse) = await GetAsync(visitor, "/status");
        secondResponse.Headers.Age.ShouldNotBeNull("the second anonymous view is the cached copy");
        secondSent.ShouldBeEmpty("the cached copy sends no SQL");
        second.ShouldBe(first);
        // The page's scripts are all external ('self'): the nonce written into the cached copy grants nothing, and the
        // header's nonce is new for every answer.
        Nonce(secondResponse).ShouldNotBe(Nonce(firstResponse));
        ScriptWithoutSource().IsMatch(second).ShouldBeFalse("a cached page must not depend on its nonce for an inline script");

        var tier2 = await app.SignedInAsync(Demo.Agent2);
        var title = $"Cached status check {Guid.NewGuid():N}"[..40];
        var declared = await tier2.PostAsJsonAsync("/api/v1/incidents", new { title, description = "Playback fails on smart TVs.", severity = "Major" });
        declared.StatusCode.ShouldBe(HttpStatusCode.Created, await declared.Content.ReadAsStringAsync());

        var (after, afterSent, afterResponse) = await GetAsync(visitor, "/status");
        after.ShouldContain(title);
        afterResponse.Headers.Age.ShouldBeNull("rendered again after the change");
        afterSent.Count.ShouldBeGreaterThan(0, "the change evicted the cached page");
    }

    [Fact]
    public async Task A_signed_in_visitor_is_never_served_the_cached_anonymous_page_nor_fills_it()
    {
        var visitor = Anonymous();
        await GetAsync(visitor, "/Contact");
        var (cached, _, cachedResponse) = await GetAsync(visitor, "/Contact");
        cachedResponse.Headers.Age.ShouldNotBeNull("the anonymous contact page is cached");

        var sam = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(sam, Demo.Agent1);
        foreach (var path in new[] { "/Contact", "/status" })
        {
            await GetAsync(Anonymous(), path);
            var (mine, mineSent, mineResponse) = await GetAsync(sam, path);
            mineResponse.Headers.Age.ShouldBeNull($"{path}: a signed-in request never comes from the cache");
            mineSent.ShouldNotBeEmpty($"{path}: rendered for the signed-in visitor (at least the session check runs)");
            mine.ShouldContain("/Account/Logout", Case.Sensitive, $"{path}: the signed-in layout, not the anonymous copy");

            var (anonymous, _, anonymousResponse) = await GetAsync(Anonymous(), path);
            anonymousResponse.Headers.Age.ShouldNotBeNull($"{path}: the anonymous copy is still there");
            anonymous.ShouldNotContain("/Account/Logout", Case.Sensitive, $"{path}: the signed-in answer was not stored for anonymous visitors");
        }

        cached.ShouldNotContain("/Account/Logout");
    }

    [GeneratedRegex("'nonce-([0-9A-Fa-f]+)'")]
    private static partial Regex CspNonce();

    // A script element without src that is not a data block (the chat widget's texts are type="application/json").
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)(?![^>]*type=""application/json"")[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptWithoutSource();
}
