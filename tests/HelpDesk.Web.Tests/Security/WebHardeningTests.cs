using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Every rate limit at 2 per minute, so each anonymous entry point's third request is refused.</summary>
public sealed class StrictLimitsApp : HelpDeskAppFactory
{
    public const int Limit = 2;

    protected override int SignInPerMinute => Limit;

    protected override int ChatStartsPerMinute => Limit;

    protected override int AnonymousPerMinute => Limit;

    protected override int AccountEmailsPerMinute => Limit;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:RateLimits:CallbacksPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:RateLimits:EmailInboundPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Issue 14, item 5, from the app's own endpoint data source (a new page, handler or anonymous endpoint is checked
/// without anyone listing it here): antiforgery on every state-changing Razor handler, auth and antiforgery cookies
/// HttpOnly + SameSite (+ Secure over HTTPS), CORS closed to foreign origins, and a rate limit answering 429 with
/// Retry-After on every anonymous entry point.
/// </summary>
public sealed partial class WebHardeningTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    /// <summary>Anonymous endpoints that need no rate limit, and why.</summary>
    private static readonly Dictionary<string, string> UnlimitedAnonymous = new(StringComparer.Ordinal)
    {
        ["/health/live"] = "liveness probe, no work",
        ["/health/ready"] = "readiness probe, one SELECT 1",
        ["/openapi/{documentName}.json"] = "static document",
        ["/scalar/{documentName?}"] = "static page",
        ["/scalar/"] = "static page",
        ["/scalar/{documentName}"] = "static page",
        ["/scalar/scalar.js"] = "static script",
        ["/scalar/scalar.aspnetcore.js"] = "static script",
        ["/scalar/favicon.svg"] = "static image",
        ["/hubs/chat/negotiate"] = "SignalR handshake: StartChat is limited by chat-starts and every message by the hub's flood limit",
        ["/hubs/chat"] = "SignalR connection: as above",
        ["/"] = "home page, no work",
        ["/Index"] = "home page, no work",
        ["/Contact"] = "\"Contact us\": text from configuration, no database",
        ["/Error"] = "error page",
        ["/Account/AccessDenied"] = "static page",
        ["/Account/Logout"] = "ends only the caller's own session",
    };

    /// <summary>Page handlers that may take a POST without a token, and why (nothing they do changes state).</summary>
    private static readonly Dictionary<string, string> WithoutAntiforgery = new(StringComparer.Ordinal)
    {
        ["/Error"] = "shows a message only; the exception handler re-executes failed POSTs here, token or not",
    };

    [Fact]
    public async Task Every_state_changing_page_handler_refuses_a_post_without_its_antiforgery_token()
    {
        var handlers = await PostHandlersAsync(app.Services);
        handlers.Count.ShouldBeGreaterThan(20, "the enumeration found too few page handlers to be trusted");

        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        foreach (var (area, url) in handlers)
        {
            if (!clients.TryGetValue(area, out var client))
            {
                client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                if (UserFor(area) is { } email)
                {
                    await PageSession.SignInAsync(client, email);
                }

                clients[area] = client;
            }

            var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Text"] = "forged" }));
            if (response.StatusCode != HttpStatusCode.BadRequest && !WithoutAntiforgery.ContainsKey(url.Split('?')[0]))
            {
                failures.Add($"{url} ({area}): {(int)response.StatusCode}");
            }
        }

        failures.ShouldBeEmpty($"a POST without the antiforgery token must get 400 on each of {handlers.Count} handlers");
    }

    [Fact]
    public async Task Auth_and_antiforgery_cookies_are_http_only_same_site_and_secure_over_https()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var form = await client.GetAsync("/Account/Login");
        var html = await form.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        var antiforgery = Cookie(form, "helpdesk.csrf");

        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Alice,
            ["Input.Password"] = Demo.Password,
            ["__RequestVerificationToken"] = token,
        }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var auth = Cookie(signIn, "helpdesk.auth");

        foreach (var (name, cookie) in new[] { ("helpdesk.csrf", antiforgery), ("helpdesk.auth", auth) })
        {
            cookie.ShouldContain("httponly", Case.Insensitive, $"{name}: {cookie}");
            cookie.ShouldContain("secure", Case.Insensitive, $"{name}: {cookie}");
            SameSiteOf(cookie).ShouldBeOneOf(["lax", "strict"], $"{name}: {cookie}");
        }
    }

    [Theory]
    [InlineData("GET", "/api/v1/cases")]
    [InlineData("POST", "/api/v1/auth/login")]
    [InlineData("POST", "/api/v1/chats")]
    [InlineData("GET", "/Portal/Cases")]
    public async Task A_foreign_origin_gets_no_cors_permission(string method, string path)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        using var actual = new HttpRequestMessage(new HttpMethod(method), path);
        actual.Headers.Add("Origin", "https://evil.example");
        if (method == "POST")
        {
            actual.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        foreach (var response in new[] { await client.SendAsync(preflight), await client.SendAsync(actual) })
        {
            response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse($"{response.RequestMessage!.Method} {path}");
            response.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse($"{response.RequestMessage!.Method} {path}");
        }
    }

    [Fact]
    public void Every_anonymous_endpoint_has_a_rate_limit_or_a_recorded_reason()
    {
        var missing = AnonymousEndpoints(app.Services)
            .Where(e => e.RateLimitPolicy is null && !UnlimitedAnonymous.ContainsKey(e.Route))
            .Select(e => $"{string.Join(",", e.Methods)} {e.Route}")
            .Distinct()
            .ToList();

        missing.ShouldBeEmpty("an anonymous endpoint needs [EnableRateLimiting]/RequireRateLimiting, or a reason in UnlimitedAnonymous");
    }

    internal sealed record AnonymousEndpoint(string Route, IReadOnlyList<string> Methods, string? RateLimitPolicy, string ContentType);

    /// <summary>Endpoints a caller without any session reaches: API routes marked anonymous, and pages outside the authorized areas.</summary>
    internal static List<AnonymousEndpoint> AnonymousEndpoints(IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var list = new List<AnonymousEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var metadata = endpoint.Metadata;
            var route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var anonymous = metadata.GetMetadata<IAllowAnonymous>() is not null
                || (metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0 && !route.StartsWith("/api/", StringComparison.Ordinal)
                    && !route.StartsWith("/Portal", StringComparison.Ordinal) && !route.StartsWith("/Agent", StringComparison.Ordinal)
                    && !route.StartsWith("/Admin", StringComparison.Ordinal) && !route.StartsWith("/hubs/agent", StringComparison.Ordinal)
                    && !route.StartsWith("/attachments", StringComparison.Ordinal));
            if (!anonymous)
            {
                continue;
            }

            var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? ["*"];
            var policy = metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
            // An endpoint that accepts one content type is only reached (and limited) with that type: routing answers 415 before.
            var contentType = metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] ? accepted : "application/json";
            list.Add(new AnonymousEndpoint(route, methods, policy, contentType));
        }

        return list;
    }

    /// <summary>Each page's POST handlers as (area, URL with ?handler=): route values filled with a random id.</summary>
    private static async Task<List<(string Area, string Url)>> PostHandlersAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var handlers = new List<(string, string)>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not { } descriptor
                || !seen.Add(descriptor.RelativePath))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var url = "/" + RouteValue().Replace(endpoint.RoutePattern.RawText ?? string.Empty, m => m.Value.Contains('?') ? string.Empty : Guid.NewGuid().ToString()).TrimEnd('/');
            url = url.Replace("//", "/", StringComparison.Ordinal);
            foreach (var handler in compiled.HandlerMethods.Where(h => h.HttpMethod is "Post" or "Put" or "Delete"))
            {
                handlers.Add((descriptor.AreaName ?? string.Empty, string.IsNullOrEmpty(handler.Name) ? url : $"{url}?handler={handler.Name}"));
            }
        }

        return handlers;
    }

    private static string? UserFor(string area) => area switch
    {
        "Portal" => Demo.Alice,
        "Agent" => Demo.Supervisor,
        "Admin" => Demo.Admin,
        _ => null,
    };

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) && values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new ShouldAssertException($"no {name} cookie set by {response.RequestMessage!.RequestUri}");

    private static string SameSiteOf(string cookie) =>
        cookie.Split(';').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("samesite=", StringComparison.OrdinalIgnoreCase))?["samesite=".Length..].ToLowerInvariant() ?? "(none)";

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Issue 14, item 5: the third request within a minute to each anonymous entry point gets 429 and Retry-After.</summary>
public sealed class AnonymousRateLimitTests(StrictLimitsApp app) : IClassFixture<StrictLimitsApp>
{
    [Fact]
    public async Task Every_rate_limited_anonymous_post_answers_429_with_retry_after_once_the_limit_is_spent()
    {
        var targets = WebHardeningTests.AnonymousEndpoints(app.Services)
            .Where(e => e.RateLimitPolicy is not null && (e.Methods.Contains("POST") || e.Methods.Contains("*")))
            .DistinctBy(e => e.Route)
            .ToDictionary(e => e.Route, e => e.ContentType);
        targets.ShouldContainKey("/api/v1/auth/login");
        targets.ShouldContainKey("/api/v1/channels/email/inbound");
        targets.ShouldContainKey("/api/v1/chats/{id:guid}/messages");

        // The refusal names what was limited (a mail relay is not told about sign-in attempts).
        var refusals = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/api/v1/auth/login"] = "sign-in",
            ["/api/v1/auth/password-reset"] = "password reset",
            ["/api/v1/channels/email/inbound"] = "messages delivered",
            ["/api/v1/chats/"] = "chats started",
            ["/api/v1/chats/{id:guid}/messages"] = "Too many requests",
            ["/api/v1/callbacks/"] = "callback requests",
        };
        refusals.Keys.Where(route => !targets.ContainsKey(route)).ShouldBeEmpty("every route whose refusal is checked is a limited anonymous POST");
        var failures = new List<string>();
        foreach (var (route, contentType) in targets)
        {
            var url = "/" + Regex.Replace(route.TrimStart('/'), "\\{[^}]+\\}", Guid.NewGuid().ToString());
            HttpResponseMessage? last = null;
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            for (var i = 0; i <= StrictLimitsApp.Limit * 4 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
            {
                // No API key, no token, empty body: refused for that reason, but it still counts against the limit.
                last = await client.PostAsync(url, new StringContent("{}", Encoding.UTF8, contentType));
            }

            if (last!.StatusCode != HttpStatusCode.TooManyRequests || last.Headers.RetryAfter is null)
            {
                failures.Add($"{route}: {(int)last.StatusCode}, Retry-After {last.Headers.RetryAfter?.ToString() ?? "missing"}");
            }
            else if (refusals.TryGetValue(route, out var named) && !(await last.Content.ReadAsStringAsync()).Contains(named, StringComparison.Ordinal))
            {
                failures.Add($"{route}: the refusal does not say \"{named}\": {await last.Content.ReadAsStringAsync()}");
            }
        }

        failures.ShouldBeEmpty();
    }
}
