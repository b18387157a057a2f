using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using static HelpDesk.Web.Tests.Browser.BrowserPages;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The live agent console in a real browser: queue counts and presence update without a reload.</summary>
public sealed class LiveConsoleTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<string> OpenCaseAsync(string subject)
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var response = await alice.PostAsJsonAsync("/api/v1/cases", new { subject, category = "Playback", description = "The picture freezes." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task The_queue_page_updates_its_counts_live_when_a_subscriber_opens_a_case()
    {
        var sam = await app.NewPageAsync("Europe/London");
        await SignInAsync(sam, Demo.Agent1);
        await sam.GotoAsync("/Agent");
        await sam.Locator("html[data-live=connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var open = sam.Locator("tr[data-queue='Portal-Tier1'] [data-testid=open-count]");
        var unassigned = sam.Locator("tr[data-queue='Portal-Tier1'] [data-testid=unassigned-count]");
        var before = int.Parse(await open.InnerTextAsync(), CultureInfo.InvariantCulture);
        var unassignedBefore = int.Parse(await unassigned.InnerTextAsync(), CultureInfo.InvariantCulture);
        await sam.EvaluateAsync("() => { window.notReloaded = true; }");

        await OpenCaseAsync("Live queue update");

        await Assertions.Expect(open).ToHaveTextAsync((before + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(unassigned).ToHaveTextAsync((unassignedBefore + 1).ToString(CultureInfo.InvariantCulture));
        (await sam.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the page must not reload");
        await Assertions.Expect(sam.Locator("#queue-live")).ToHaveTextAsync("Queues updated: Portal-Tier1.");
        await Assertions.Expect(sam.Locator("#queue-live")).ToHaveAttributeAsync("aria-live", "polite");
    }

    [Fact]
    public async Task The_notification_badge_counts_up_live_on_any_console_page_when_a_case_is_given_to_the_agent()
    {
        var caseId = await OpenCaseAsync("Given to Priya while she reads the policies");
        var priya = await app.NewPageAsync();
        await SignInAsync(priya, Demo.Agent2);
        await priya.GotoAsync("/Agent/Sla/Policies");
        await priya.Locator("html[data-live=connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var bell = priya.GetByTestId("notifications-link");
        var before = int.Parse((await bell.GetAttributeAsync("data-unread"))!, CultureInfo.InvariantCulture);
        await priya.EvaluateAsync("() => { window.notReloaded = true; }");

        string priyaId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext>();
            priyaId = db.Agents.Single(a => a.Email == Demo.Agent2).Id.ToString();
        }

        var sam = await app.SignedInAsync(Demo.Agent1);
        var assigned = await sam.PostAsJsonAsync($"/api/v1/cases/{caseId}/assign", new { assigneeId = priyaId });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK);

        var expected = (before + 1).ToString(CultureInfo.InvariantCulture);
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", expected);
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", $"Notifications, {expected} unread");
        await Assertions.Expect(bell.Locator(".unread-count")).ToHaveTextAsync(expected);
        (await priya.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the page must not reload");
    }

    [Fact]
    public async Task An_agent_sees_who_else_has_the_case_open_and_when_they_are_typing()
    {
        var caseId = await OpenCaseAsync("Two agents on one case");
        var priya = await app.NewPageAsync();
        var sam = await app.NewPageAsync();
        await SignInAsync(priya, Demo.Agent2);
        await SignInAsync(sam, Demo.Agent1);

        await priya.GotoAsync($"/Agent/Cases/Details/{caseId}");
        await priya.Locator("html[data-live=connected]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await sam.GotoAsync($"/Agent/Cases/Details/{caseId}");

        // Each sees the other, whoever came first.
        await Assertions.Expect(priya.Locator("#presence")).ToHaveTextAsync("Sam (Tier 1 agent) is viewing this case.");
        await Assertions.Expect(sam.Locator("#presence")).ToHaveTextAsync("Priya (Tier 2 agent) is viewing this case.");

        await sam.GetByLabel("Message").PressSequentiallyAsync("Looking into it");
        await Assertions.Expect(priya.Locator("#presence")).ToHaveTextAsync("Sam (Tier 1 agent) is typing a reply…");

        await sam.GotoAsync("/Agent");
        await Assertions.Expect(priya.Locator("#presence")).ToBeEmptyAsync();
    }
}
