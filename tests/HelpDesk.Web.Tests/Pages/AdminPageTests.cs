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
    public async Task Staff_cannot_open_the_admin_area()
    {
        var supervisor = await SignedInPagesAsync(Demo.Supervisor);
        var response = await supervisor.GetAsync("/Admin/RoutingRules");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }
}
