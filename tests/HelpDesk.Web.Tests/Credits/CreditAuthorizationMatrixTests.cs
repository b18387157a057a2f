using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Credits;

/// <summary>
/// Every credit endpoint and page, role by role: anonymous, subscriber (Alice, who owns the Tier 1 case), Tier 1, Tier 2,
/// Tier 3, supervisor, administrator. Pages: "login" and "denied" are redirects to the sign-in and access-denied pages.
/// </summary>
public sealed class CreditAuthorizationMatrixTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private static readonly string?[] Roles = [null, Demo.Alice, Demo.Agent1, Demo.Agent2, Demo.Agent3, Demo.Supervisor, Demo.Admin];

    // A PUT of an invalid policy: authorization comes before validation, so the administrator gets 400 and nothing changes.
    private static readonly object InvalidPolicy = new { limits = Array.Empty<object>(), reasons = Array.Empty<object>() };

    private static readonly (string Method, string Path, object? Body, string[] Expected)[] Api =
    [
        ("GET", "/api/v1/cases/{tier1}/credits", null, ["401", "200", "200", "200", "200", "200", "404"]),
        ("GET", "/api/v1/cases/{tier3}/credits", null, ["401", "404", "404", "404", "200", "200", "404"]),
        ("POST", "/api/v1/cases/{tier1}/credits", new { amount = 1m, currency = "USD", reasonCode = "goodwill" }, ["401", "403", "201", "201", "201", "201", "403"]),
        ("GET", "/api/v1/me/credits", null, ["401", "200", "403", "403", "403", "403", "403"]),
        ("GET", "/api/v1/subscribers/{alice}/credits", null, ["401", "403", "200", "200", "200", "200", "403"]),
        ("GET", "/api/v1/credit-requests", null, ["401", "403", "403", "403", "403", "200", "403"]),
        ("POST", "/api/v1/credit-requests/{unknown}/approve", new { comment = "ok" }, ["401", "403", "403", "403", "403", "404", "403"]),
        ("POST", "/api/v1/credit-requests/{unknown}/reject", new { comment = "no" }, ["401", "403", "403", "403", "403", "404", "403"]),
        ("POST", "/api/v1/credits/{unknown}/reverse", new { reason = "mistake" }, ["401", "403", "403", "404", "404", "404", "403"]),
        ("GET", "/api/v1/admin/credit-policy", null, ["401", "403", "403", "403", "403", "403", "200"]),
        ("GET", "/api/v1/admin/credit-policy/versions", null, ["401", "403", "403", "403", "403", "403", "200"]),
        ("PUT", "/api/v1/admin/credit-policy", InvalidPolicy, ["401", "403", "403", "403", "403", "403", "400"]),
        ("GET", "/api/v1/reports/supervisor", null, ["401", "403", "403", "403", "403", "200", "403"]),
    ];

    private static readonly (string Path, string[] Expected)[] Pages =
    [
        ("/Agent/Cases/Details/{tier1}", ["login", "denied", "200", "200", "200", "200", "denied"]),
        ("/Agent/Cases/Credit/{tier1}", ["login", "denied", "200", "200", "200", "200", "denied"]),
        ("/Agent/Cases/Credit/{tier3}", ["login", "denied", "404", "404", "200", "200", "denied"]),
        ("/Agent/Cases/Credit/{tier1}?reverse={entry}", ["login", "denied", "denied", "200", "200", "200", "denied"]),
        ("/Agent/Cases/Credit/{tier1}?reverse={unknown}", ["login", "denied", "404", "404", "404", "404", "denied"]),
        ("/Agent/Approvals", ["login", "denied", "403", "403", "403", "200", "denied"]),
        ("/Agent/Approvals?handler=Sections", ["login", "denied", "403", "403", "403", "200", "denied"]),
        ("/Agent/Supervisor", ["login", "denied", "403", "403", "403", "200", "denied"]),
        ("/Portal/Cases/Details/{tier1}", ["login", "200", "denied", "denied", "denied", "denied", "denied"]),
        ("/Portal/Account", ["login", "200", "denied", "denied", "denied", "denied", "denied"]),
        ("/Admin/Credits", ["login", "denied", "denied", "denied", "denied", "denied", "200"]),
        ("/Admin/Credits/Edit", ["login", "denied", "denied", "denied", "denied", "denied", "200"]),
    ];

    public static TheoryData<int> Columns() => new(Enumerable.Range(0, Roles.Length));

    private async Task<Dictionary<string, Guid>> IdsAsync()
    {
        var (tier1, tier3, alice) = await CreditTestData.IdsAsync(app);
        var entry = await CreditTestData.WithDbAsync(app, db => Task.FromResult(db.CreditEntries.Where(e => e.CaseId == tier1 && e.Kind == Domain.Credits.CreditEntryKind.Issue
            && !db.CreditEntries.Any(r => r.ReversesId == e.Id)).Select(e => (Guid?)e.Id).FirstOrDefault()));
        if (entry is null)
        {
            var api = await app.SignedInAsync(Demo.Agent2);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{tier1}/credits") { Content = JsonContent.Create(new { amount = 0.5m, currency = "USD", reasonCode = "goodwill" }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            entry = (await (await api.SendAsync(request)).JsonAsync()).GetProperty("entryId").GetGuid();
        }

        return new() { ["tier1"] = tier1, ["tier3"] = tier3, ["alice"] = alice, ["entry"] = entry.Value, ["unknown"] = Guid.NewGuid() };
    }

    private static string Fill(string template, Dictionary<string, Guid> ids) =>
        ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(), StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task Each_role_gets_exactly_the_credit_api_and_pages_it_is_allowed(int column)
    {
        var ids = await IdsAsync();
        var email = Roles[column];
        var api = email is null ? app.CreateClient() : await app.SignedInAsync(email);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (email is not null)
        {
            await PageSession.SignInAsync(browser, email);
        }

        var wrong = new List<string>();
        foreach (var (method, template, body, expected) in Api)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, ids)) { Content = body is null ? null : JsonContent.Create(body) };
            if (method == "POST" && template.EndsWith("/credits", StringComparison.Ordinal))
            {
                request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            }

            var response = await api.SendAsync(request);
            var got = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (got != expected[column])
            {
                wrong.Add($"{method} {template}: expected {expected[column]}, got {got}");
            }
        }

        foreach (var (template, expected) in Pages)
        {
            var response = await browser.GetAsync(Fill(template, ids));
            var location = response.Headers.Location?.ToString() ?? string.Empty;
            var got = (int)response.StatusCode is 301 or 302
                ? location.Contains("/Account/Login", StringComparison.Ordinal) ? "login" : location.Contains("/Account/AccessDenied", StringComparison.Ordinal) ? "denied" : location
                : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (got != expected[column])
            {
                wrong.Add($"GET {template}: expected {expected[column]}, got {got}");
            }
        }

        wrong.ShouldBeEmpty($"as {email ?? "anonymous"}");
    }
}
