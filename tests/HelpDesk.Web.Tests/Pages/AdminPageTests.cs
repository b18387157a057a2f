using System.Net;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 5: the Admin area without JavaScript.</summary>
public sealed class AdminPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> SignedInPagesAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    [Fact]
    public async Task An_administrator_creates_a_rule_through_the_form_and_a_bad_one_is_shown_with_the_reason()
    {
        var admin = await SignedInPagesAsync(Demo.Admin);
        (await admin.GetStringAsync("/Admin")).ShouldContain("href=\"/Admin/RoutingRules\"");

        var token = await PageSession.TokenAsync(admin, "/Admin/RoutingRules/Edit");
        var bad = await admin.PostAsync("/Admin/RoutingRules/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Chats to the callback queue", ["Input.Channel"] = "Chat", ["Input.TargetQueue"] = "Callback-Tier1",
            ["Input.Language"] = "", ["__RequestVerificationToken"] = token,
        }));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("Callback-Tier1 is the Tier 1 queue for Phone contacts");

        var saved = await admin.PostAsync("/Admin/RoutingRules/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Spanish email billing to Tier 2", ["Input.Channel"] = "Email", ["Input.Category"] = "Billing",
            ["Input.Language"] = "es", ["Input.MinimumPriority"] = "", ["Input.TargetQueue"] = "Tier2", ["Input.SetPriority"] = "High",
            ["__RequestVerificationToken"] = token,
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var rule = await db.RoutingRules.AsNoTracking().SingleAsync(r => r.Name == "Spanish email billing to Tier 2");
        (rule.Language, rule.TargetQueue, rule.SetPriority?.ToString(), rule.Enabled).ShouldBe(("es", "Tier2", "High", true));
        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/RoutingRules"));
        list.ShouldContain("Spanish email billing to Tier 2");
        list.ShouldContain("safety-sensitive categories (child safety, account takeover, harassment, legal) always go to Tier3");
        (await db.AuditEvents.CountAsync(a => a.Action == "routing_rule.created" && a.EntityId == rule.Id.ToString())).ShouldBe(1);
    }

    [Fact]
    public async Task An_administrator_sets_an_agents_chat_capacity_on_the_work_profile_and_11_is_refused_with_the_reason()
    {
        var admin = await SignedInPagesAsync(Demo.Admin);
        Guid diego;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            diego = await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().Agents.Where(a => a.Email == Demo.Agent3).Select(a => a.Id).SingleAsync();
        }

        var path = $"/Admin/Agents/Edit/{diego}";
        var form = WebUtility.HtmlDecode(await admin.GetStringAsync(path));
        form.ShouldContain("Chat capacity (live chats at once, 0–10; 0 means this agent takes no chats)");
        form.ShouldContain("name=\"Input.ChatCapacity\"");
        var token = await PageSession.TokenAsync(admin, path);
        Dictionary<string, string> Form(string chatCapacity) => new()
        {
            ["Input.Languages"] = "en, es, pt", ["Input.Capacity"] = "5", ["Input.ChatCapacity"] = chatCapacity, ["__RequestVerificationToken"] = token,
        };

        var bad = await admin.PostAsync(path, new FormUrlEncodedContent(Form("11")));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()).ShouldContain("Chat capacity must be between 0 and 10 chats (0: takes no chats).");

        var saved = await admin.PostAsync(path, new FormUrlEncodedContent(Form("2")));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            (await db.Agents.AsNoTracking().SingleAsync(a => a.Id == diego)).ChatCapacity.ShouldBe(2);
            (await db.AuditEvents.CountAsync(a => a.Action == "agent.profile_changed" && a.EntityId == diego.ToString())).ShouldBe(1);
        }

        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/Agents"));
        list.ShouldContain("0 of 2");
    }

    [Fact]
    public async Task Staff_cannot_open_the_admin_area()
    {
        var supervisor = await SignedInPagesAsync(Demo.Supervisor);
        var response = await supervisor.GetAsync("/Admin/RoutingRules");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }
}
