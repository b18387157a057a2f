using HelpDesk.Testing;
using Microsoft.Playwright;

using static HelpDesk.Web.Tests.Browser.BrowserPages;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 4: the agent's loop — queue list, "Get next case", reply, resolve — in a real browser.</summary>
public sealed class AgentConsoleFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_agent_gets_the_next_case_from_the_queue_list_replies_and_resolves_it()
    {
        var agent = await app.NewPageAsync("Europe/London");
        await SignInAsync(agent, Demo.Agent1);
        await agent.GotoAsync("/Agent");

        var row = agent.Locator("tr[data-queue='Portal-Tier1']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Get next case from Portal-Tier1" }).ClickAsync();

        await agent.GetByTestId("case-number").WaitForAsync();
        var number = await agent.GetByTestId("case-number").InnerTextAsync();
        number.ShouldMatch(@"^HD-\d{6}$");
        (await agent.Locator("p.flash").InnerTextAsync()).ShouldStartWith($"You took case {number}:");
        (await agent.GetByTestId("status").InnerTextAsync()).ShouldBe("Open");
        (await agent.Locator("dl.facts").First.InnerTextAsync()).ShouldContain("Sam Okafor");

        await agent.GetByLabel("Message").FillAsync("Thanks for your patience: the duplicate charge is refunded and reaches your card in 3-5 days.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send public reply" }).ClickAsync();
        await agent.GetByText("Reply sent.").WaitForAsync();
        (await agent.Locator("ol.timeline").InnerTextAsync()).ShouldContain("the duplicate charge is refunded");

        await agent.GetByLabel("Move to").SelectOptionAsync("Resolved");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await agent.GetByText($"Case {number} is now resolved.").WaitForAsync();
        (await agent.GetByTestId("status").InnerTextAsync()).ShouldBe("Resolved");

        // Back on the queue list, the next claim takes a different case or says why there is none.
        await agent.GotoAsync("/Agent");
        await agent.Locator("tr[data-queue='Portal-Tier1']").GetByRole(AriaRole.Button, new() { Name = "Get next case" }).ClickAsync();
        var next = agent.GetByTestId("case-number").Or(agent.GetByTestId("claim-notice"));
        await next.First.WaitForAsync();
        if (await agent.GetByTestId("case-number").IsVisibleAsync())
        {
            (await agent.GetByTestId("case-number").InnerTextAsync()).ShouldNotBe(number);
        }
        else
        {
            (await agent.GetByTestId("claim-notice").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        }
    }
}
