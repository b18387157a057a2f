using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 7, phone callback: portal request → agent claims and records no answer → portal shows the retry time.</summary>
public sealed class CallbackBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task SignInAsync(IPage page, string email) => BrowserPages.SignInAsync(page, email, keyboard: true);

    [Fact]
    public async Task A_subscriber_requests_a_callback_an_agent_records_no_answer_and_the_portal_shows_the_retry_time()
    {
        var alice = await app.NewPageAsync();
        await SignInAsync(alice, Demo.Alice);
        await alice.GetByRole(AriaRole.Link, new() { Name = "Request a callback" }).First.ClickAsync();
        await alice.GetByLabel("Phone number").FillAsync("+44 20 7946 0958");
        await alice.GetByLabel("Day").FillAsync(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await alice.GetByLabel("From", new() { Exact = true }).FillAsync("00:00");
        await alice.GetByLabel("To", new() { Exact = true }).FillAsync("23:59");
        await alice.GetByLabel("Your time zone").FillAsync("UTC");
        await alice.GetByLabel("What should we call about?").FillAsync("My card was charged twice");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Request the callback" }).ClickAsync();
        await alice.GetByTestId("callback-confirmation").WaitForAsync();
        (await alice.GetByTestId("callback-confirmation").GetByTestId("callback-position").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        var confirmationUrl = alice.Url;

        var agent = await app.NewPageAsync("Europe/London");
        await SignInAsync(agent, Demo.Agent3);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Callbacks" }).ClickAsync();
        await agent.GetByRole(AriaRole.Button, new() { Name = "Claim next callback" }).ClickAsync();
        (await agent.GetByTestId("held-phone").InnerTextAsync()).ShouldBe("+442079460958");
        await agent.GetByLabel("No answer", new() { Exact = true }).CheckAsync();
        await agent.GetByLabel("Notes").FillAsync("Rang out after 30 seconds");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Record outcome" }).ClickAsync();
        (await agent.GetByTestId("callback-notice").InnerTextAsync()).ShouldContain("The next call for case");

        await alice.GotoAsync(confirmationUrl);
        var card = alice.GetByTestId("callback-confirmation");
        (await card.InnerTextAsync()).ShouldContain("We will try again at");
        (await card.GetByTestId("callback-next").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await card.InnerTextAsync()).ShouldContain("1 of 3");
    }
}
