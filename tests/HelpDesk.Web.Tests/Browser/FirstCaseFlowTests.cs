using System.Text.RegularExpressions;
using HelpDesk.Testing;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 3, item 7: portal -> agent queue -> reply, note, resolve -> portal, in a real browser.</summary>
public sealed partial class FirstCaseFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task SignInWithKeyboardAsync(IPage page, string email) => BrowserPages.SignInAsync(page, email, keyboard: true);

    [Fact]
    public async Task A_subscriber_opens_a_case_an_agent_answers_and_resolves_it_and_the_subscriber_sees_only_the_reply()
    {
        var subject = $"Stream freezes {Guid.NewGuid():N}"[..30];

        // Alice opens a case in the portal.
        var alice = await app.NewPageAsync();
        await SignInWithKeyboardAsync(alice, Demo.Alice);
        await alice.GetByRole(AriaRole.Link, new() { Name = "Open a case" }).First.ClickAsync();
        await alice.GetByLabel("Subject").FillAsync(subject);
        await alice.GetByLabel("Category").SelectOptionAsync("Playback");
        await alice.GetByLabel("What happened?").FillAsync("The picture freezes after ten minutes on my TV; sound goes on.");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await alice.GetByTestId("case-number").WaitForAsync();
        CaseUrl().IsMatch(alice.Url).ShouldBeTrue(alice.Url);
        var number = await alice.GetByTestId("case-number").InnerTextAsync();
        number.ShouldMatch(@"^HD-\d{6}$");
        (await alice.Locator("[aria-current=step]").InnerTextAsync()).ShouldStartWith("Received");
        (await alice.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain($"We received your case {number}");
        var caseUrl = alice.Url;

        // Sam (Tier 1) finds it in his queue, replies, adds a note and resolves it.
        var agent = await app.NewPageAsync("Europe/London");
        await SignInWithKeyboardAsync(agent, Demo.Agent1);
        await agent.GetByRole(AriaRole.Link, new() { Name = "Portal-Tier1" }).ClickAsync();
        await agent.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await agent.GetByLabel("Message").FillAsync("Thanks Alice. Please update the TV app: version 8.1 had this freeze.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send public reply" }).ClickAsync();
        await agent.GetByText("Reply sent.").WaitForAsync();
        await agent.GetByLabel("Message").FillAsync("Internal: matches the 8.1 firmware bug ticket.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }).ClickAsync();
        await agent.GetByText("Internal note added.").WaitForAsync();
        (await agent.Locator("li.internal").CountAsync()).ShouldBe(1);
        await agent.GetByRole(AriaRole.Button, new() { Name = "Mark resolved" }).ClickAsync();
        await agent.GetByText($"Case {number} is resolved.").WaitForAsync();
        (await agent.GetByTestId("status").InnerTextAsync()).ShouldBe("Resolved");

        // Alice sees the reply and "Resolved", never the note.
        await alice.GotoAsync(caseUrl);
        var timeline = await alice.Locator("ol.timeline").InnerTextAsync();
        timeline.ShouldContain("please update the TV app", Case.Insensitive);
        timeline.ShouldNotContain("firmware bug ticket");
        (await alice.ContentAsync()).ShouldNotContain("firmware bug ticket");
        (await alice.Locator("[aria-current=step]").InnerTextAsync()).ShouldStartWith("Resolved");
        (await alice.GetByTestId("holder").InnerTextAsync()).ShouldBe("Sam (Tier 1 agent)");

        // Bob cannot open Alice's case by its address.
        var bob = await app.NewPageAsync();
        await SignInWithKeyboardAsync(bob, Demo.Bob);
        var response = await bob.GotoAsync(caseUrl);
        response!.Status.ShouldBe(404);
        (await bob.ContentAsync()).ShouldNotContain(subject);
    }

    [Fact]
    public async Task Times_show_in_the_viewers_time_zone()
    {
        var alice = await app.NewPageAsync();
        await SignInWithKeyboardAsync(alice, Demo.Alice);
        await alice.GotoAsync("/Portal/Cases");

        // One time format (issue 15): the zone is named once, in the footer, and in each time's tooltip.
        (await alice.GetByTestId("time-zone").InnerTextAsync()).ShouldContain("America/New_York");
        (await alice.Locator("time").First.GetAttributeAsync("title") ?? "").ShouldContain("America/New_York");
        (await alice.Locator("time").First.InnerTextAsync()).ShouldNotContain("America/New_York");
    }

    [GeneratedRegex(@"/Portal/Cases/Details/[0-9a-f-]{36}$")]
    private static partial Regex CaseUrl();
}
