using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Api;

/// <summary>Issue 5: /api/v1/admin is for administrators only; everyone else is refused before anything runs.</summary>
public sealed class AdminApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<(int Rule, Guid Policy, Guid Agent)> IdsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        return (
            await db.RoutingRules.OrderBy(r => r.Position).Select(r => r.Id).FirstAsync(),
            await db.SlaPolicies.Where(p => p.Channel == null).Select(p => p.Id).FirstAsync(),
            await db.Agents.Where(a => a.Email == Demo.Agent1).Select(a => a.Id).SingleAsync());
    }

    private static IEnumerable<(HttpMethod Method, string Path, object? Body)> Endpoints((int Rule, Guid Policy, Guid Agent) ids) =>
    [
        (HttpMethod.Get, "/api/v1/admin/routing-rules", null),
        (HttpMethod.Post, "/api/v1/admin/routing-rules/preview", new { channel = "Email", category = "Billing", language = "en", priority = "Normal" }),
        (HttpMethod.Get, "/api/v1/admin/sla-policies", null),
        (HttpMethod.Post, $"/api/v1/admin/sla-policies/{ids.Policy}/recompute", null),
        (HttpMethod.Get, "/api/v1/admin/agents", null),
        (HttpMethod.Get, $"/api/v1/admin/agents/{ids.Agent}/profile", null),
    ];

    [Theory]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Agent3)]
    [InlineData(Demo.Alice)]
    public async Task Everyone_but_an_administrator_gets_403_with_problem_details(string email)
    {
        var ids = await IdsAsync();
        var client = await app.SignedInAsync(email);
        var writes = new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, "/api/v1/admin/routing-rules", new { name = "Mine", targetQueue = "Tier2" }),
            (HttpMethod.Put, $"/api/v1/admin/routing-rules/{ids.Rule}", new { name = "Mine", targetQueue = "Tier2" }),
            (HttpMethod.Delete, $"/api/v1/admin/routing-rules/{ids.Rule}", null),
            (HttpMethod.Put, $"/api/v1/admin/agents/{ids.Agent}/profile", new { skills = Array.Empty<string>(), languages = Array.Empty<string>(), capacity = 3 }),
            (HttpMethod.Delete, $"/api/v1/admin/sla-policies/{ids.Policy}", null),
        };

        foreach (var (method, path, body) in Endpoints(ids).Concat(writes))
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path}");
            (await response.JsonAsync()).GetProperty("detail").GetString().ShouldBe("Only administrators can do this.");
        }
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_the_administrator_gets_200()
    {
        var ids = await IdsAsync();
        var anonymous = app.CreateClient();
        var admin = await app.SignedInAsync(Demo.Admin);

        foreach (var (method, path, body) in Endpoints(ids))
        {
            using var asAnonymous = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            (await anonymous.SendAsync(asAnonymous)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path}");
            using var asAdmin = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            (await admin.SendAsync(asAdmin)).StatusCode.ShouldBe(HttpStatusCode.OK, $"{method} {path}");
        }
    }

    [Fact]
    public async Task The_administrator_creates_a_rule_sees_it_in_the_preview_and_gets_field_errors_for_bad_input()
    {
        var admin = await app.SignedInAsync(Demo.Admin);

        var created = await admin.PostAsJsonAsync("/api/v1/admin/routing-rules",
            new { name = "Spanish phone to Tier 2", targetQueue = "Tier2", channel = "Phone", language = "es", minimumPriority = "High" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var preview = await (await admin.PostAsJsonAsync("/api/v1/admin/routing-rules/preview",
            new { channel = "Phone", category = "Account", language = "es-ES", priority = "High" })).JsonAsync();
        preview.GetProperty("queue").GetString().ShouldBe("Tier2");
        preview.GetProperty("rule").GetString().ShouldBe("Spanish phone to Tier 2");

        var bad = await admin.PostAsJsonAsync("/api/v1/admin/routing-rules", new { name = "Chats", targetQueue = "Email-Tier1", channel = "Chat" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("targetQueue")[0].GetString().ShouldNotBeNull().ShouldStartWith("Email-Tier1 is the Tier 1 queue for Email contacts");
    }

    private static readonly string[] English = ["en"];

    [Fact]
    public async Task The_administrator_sets_a_chat_capacity_through_the_api_and_11_is_a_field_error()
    {
        var ids = await IdsAsync();
        var admin = await app.SignedInAsync(Demo.Admin);
        var path = $"/api/v1/admin/agents/{ids.Agent}/profile";

        var bad = await admin.PutAsJsonAsync(path, new { skills = Array.Empty<string>(), languages = English, capacity = 8, chatCapacity = 11 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.JsonAsync()).GetProperty("errors").GetProperty("chatCapacity")[0].GetString()
            .ShouldBe("Chat capacity must be between 0 and 10 chats (0: takes no chats).");

        var ok = await admin.PutAsJsonAsync(path, new { skills = Array.Empty<string>(), languages = English, capacity = 8, chatCapacity = 4 });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ok.JsonAsync()).GetProperty("chatCapacity").GetInt32().ShouldBe(4);
        var profile = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(path);
        (profile.GetProperty("chatCapacity").GetInt32(), profile.GetProperty("activeChats").GetInt32()).ShouldBe((4, 0));
    }
}
