using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 20: a Tier 2 agent declares an incident in the browser; the affected subscriber sees the banner, the unaffected one does not.</summary>
public sealed class IncidentBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Declare_shows_the_banner_to_an_affected_subscriber_only_and_the_status_page_never_shows_internal_notes()
    {
        var title = $"Playback fails in Spain {Guid.NewGuid():N}"[..32];

        var priya = await app.NewPageAsync("Europe/London");
        await BrowserPages.SignInAsync(priya, Demo.Agent2);
        await priya.GetByRole(AriaRole.Link, new() { Name = "Incidents", Exact = true }).ClickAsync();
        await priya.GetByTestId("declare-incident").ClickAsync();

        // Nothing filled in: a message beside each field that needs one, nothing declared.
        await priya.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
        await priya.GetByText("Enter a title that says what is wrong").WaitForAsync();
        await priya.GetByText("Describe what subscribers notice").WaitForAsync();

        await priya.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await priya.GetByLabel("What subscribers notice (public)").FillAsync("Videos do not start in Spain. We are on it.");
        await priya.GetByLabel("Severity").SelectOptionAsync("Critical");
        await priya.GetByLabel("Countries (two-letter codes, separated by commas)").FillAsync("es");
        await priya.GetByLabel("Notify affected subscribers by email").CheckAsync();
        await priya.GetByRole(AriaRole.Button, new() { Name = "Declare" }).ClickAsync();
        await priya.GetByTestId("incident-title").WaitForAsync();
        (await priya.GetByTestId("incident-title").InnerTextAsync()).ShouldBe(title);
        (await priya.GetByTestId("affected-count").InnerTextAsync()).ShouldNotBe("0");
        await priya.GetByTestId("notice-progress").WaitForAsync();

        // An internal note, for staff only.
        await priya.GetByTestId("post-update").ClickAsync();
        await priya.GetByLabel("Internal note (staff only)").CheckAsync();
        await priya.GetByLabel("Text", new() { Exact = true }).FillAsync("Root cause: the Madrid edge cache is down.");
        await priya.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await priya.GetByText("Internal note added.").WaitForAsync();

        // Bob (Spain) sees the banner on every portal page; Alice (United States) does not see this incident.
        var bob = await app.NewPageAsync("Europe/Madrid");
        await BrowserPages.SignInAsync(bob, Demo.Bob);
        await bob.GotoAsync("/Portal/Cases");
        (await bob.GetByTestId("incident-banner").InnerTextAsync()).ShouldContain(title);

        var alice = await app.NewPageAsync();
        await BrowserPages.SignInAsync(alice, Demo.Alice);
        await alice.GotoAsync("/Portal/Cases");
        var aliceBanners = await alice.GetByTestId("incident-banner").AllInnerTextsAsync();
        string.Concat(aliceBanners).ShouldNotContain(title);

        // The public status page lists it, without the internal note.
        var anonymous = await app.NewPageAsync();
        await anonymous.GotoAsync("/status");
        var status = await anonymous.Locator("main").InnerTextAsync();
        status.ShouldContain(title);
        status.ShouldNotContain("Madrid edge cache");

        // Priya proposes a goodwill credit for everyone affected; the supervisor approves it; Bob sees it on his account.
        var incidentUrl = priya.Url;
        await priya.GetByLabel("Amounts (for example EUR 5, USD 5)").FillAsync("EUR 7.25");
        await priya.GetByRole(AriaRole.Button, new() { Name = "Propose credit for approval" }).ClickAsync();
        await priya.GetByText("it waits for a supervisor's approval").First.WaitForAsync();
        (await priya.GetByTestId("approve-credit").CountAsync()).ShouldBe(0, "the requester is never offered the approval");

        var maria = await app.NewPageAsync("Europe/Rome");
        await BrowserPages.SignInAsync(maria, Demo.Supervisor);
        await maria.GotoAsync(incidentUrl);
        await maria.GetByTestId("approve-credit").ClickAsync();
        await maria.GetByText("Credit approved; it is being issued.").WaitForAsync();
        await app.Services.GetRequiredService<HelpDesk.Infrastructure.Workers.IncidentNoticeService>().RunAsync(CancellationToken.None);
        await maria.ReloadAsync();
        (await maria.GetByTestId("credit-status").InnerTextAsync()).ShouldBe("Issued");

        await bob.GotoAsync("/Portal/Account");
        var credits = await bob.GetByTestId("my-credits").InnerTextAsync();
        credits.ShouldContain("7.25 EUR");
        (await alice.GotoAsync("/Portal/Account"))!.Ok.ShouldBeTrue();
        (await alice.Locator("main").InnerTextAsync()).ShouldNotContain("7.25");
    }
}
