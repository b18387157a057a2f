using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 6: a subscriber asks for a supervisor in the portal; the case is in the Supervisor queue at once.</summary>
public sealed class AskSupervisorBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task SignInAsync(IPage page, string email) => BrowserPages.SignInAsync(page, email, keyboard: true);

    [Fact]
    public async Task A_subscriber_asks_for_a_supervisor_the_case_lands_in_the_supervisor_queue_and_the_portal_shows_when_to_expect_an_answer()
    {
        var subject = $"Supervisor please {Guid.NewGuid():N}"[..30];
        var alice = await app.NewPageAsync();
        await SignInAsync(alice, Demo.Alice);
        await alice.GotoAsync("/Portal/Cases/New");
        await alice.GetByLabel("Subject").FillAsync(subject);
        await alice.GetByLabel("Category").SelectOptionAsync("Billing");
        await alice.GetByLabel("What happened?").FillAsync("I was charged twice and nobody fixes it.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await alice.GetByTestId("case-number").WaitForAsync();
        var number = await alice.GetByTestId("case-number").InnerTextAsync();

        // Empty reason: a clear message, nothing happens.
        await alice.GetByTestId("ask-supervisor-button").ClickAsync();
        // Beside the field, and only there (one message per field, issue 15).
        (await alice.Locator("[data-valmsg-for='AskSupervisor.Reason']").InnerTextAsync()).ShouldContain("Tell us briefly why you would like a supervisor.");
        (await alice.GetByText("Tell us briefly why you would like a supervisor.").CountAsync()).ShouldBe(1);

        await alice.GetByLabel("Why would you like a supervisor?").FillAsync("Third time I write about this.");
        await alice.GetByTestId("ask-supervisor-button").ClickAsync();
        await alice.GetByTestId("supervisor-answer-due").WaitForAsync();
        (await alice.GetByTestId("supervisor-answer-due").InnerTextAsync()).ShouldStartWith("A supervisor will answer you by");
        (await alice.GetByTestId("supervisor-answer-due").Locator("time").CountAsync()).ShouldBe(1);
        (await alice.GetByTestId("ask-supervisor-button").CountAsync()).ShouldBe(0);
        (await alice.Locator("ol.timeline").InnerTextAsync()).ShouldContain("I would like to speak to a supervisor: Third time I write about this.");

        var maria = await app.NewPageAsync();
        await SignInAsync(maria, Demo.Supervisor);
        await maria.GotoAsync("/Agent/Cases?queue=Supervisor");
        await maria.GetByRole(AriaRole.Link, new() { Name = number }).WaitForAsync();
        await maria.GotoAsync("/Agent/Escalations/Pending");
        var row = maria.GetByTestId("pending-escalation").Filter(new() { HasText = number });
        (await row.InnerTextAsync()).ShouldContain("Alice (subscriber)");
    }
}
