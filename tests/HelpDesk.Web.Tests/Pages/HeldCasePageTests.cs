using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>Issue 15: after "Ask for a supervisor" the Tier 1 agent who worked the case never meets "Not allowed".</summary>
public sealed class HeldCasePageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task The_tier_1_agent_who_worked_a_case_the_subscriber_took_to_a_supervisor_reads_it_from_the_page_and_the_notification()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var opened = await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Held page", category = "Playback", description = "Please help." });
        var id = (await opened.JsonAsync()).GetProperty("id").GetGuid();
        var samApi = await app.SignedInAsync(Demo.Agent1);
        (await samApi.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "Try restarting the TV app." })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await alice.PostAsJsonAsync($"/api/v1/cases/{id}/ask-supervisor", new { reason = "Still broken" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var sam = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(sam, Demo.Agent1);
        var details = await sam.GetAsync($"/Agent/Cases/Details/{id}");
        details.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        details.Headers.Location!.ToString().ShouldBe($"/Agent/Cases/Held/{id}");
        var held = await sam.GetAsync($"/Agent/Cases/Held/{id}");
        held.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await held.Content.ReadAsStringAsync();
        html.ShouldContain("data-testid=\"held-notice\"");
        html.ShouldContain("Still broken");
        html.ShouldContain("Try restarting the TV app.");
        html.ShouldNotContain("Not allowed");

        var notifications = await sam.GetStringAsync("/Agent/Notifications");
        notifications.ShouldContain($"href=\"/Agent/Cases/Held/{id}\"");

        // Someone who never held it: a plain 404, on both pages.
        var priya = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(priya, Demo.Agent2);
        (await priya.GetAsync($"/Agent/Cases/Held/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
