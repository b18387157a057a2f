using HelpDesk.Testing;
using HelpDesk.Web.Tests.Credits;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 6 end to end: a Tier 1 agent asks above their limit, a supervisor approves it live in the inbox, the subscriber sees it.</summary>
public sealed class CreditApprovalBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Agent1_asks_above_tier1s_limit_the_supervisor_approves_in_the_inbox_and_the_subscriber_sees_the_credit()
    {
        var (caseId, _, _) = await CreditTestData.IdsAsync(app);

        // The supervisor has the inbox open first: the request appears without a reload.
        var maria = await app.NewPageAsync();
        await BrowserPages.SignInAsync(maria, Demo.Supervisor);
        await maria.GetByTestId("approvals-link").ClickAsync();
        await maria.WaitForURLAsync(url => url.Contains("/Agent/Approvals", StringComparison.Ordinal));
        // A locator assertion, not WaitForFunction: a string predicate is evaluated with eval(), which the page's CSP
        // refuses (the earlier "unexplained flake": EvalError whenever the first check did not already pass).
        await Assertions.Expect(maria.Locator("html")).ToHaveAttributeAsync("data-live", "connected");

        var sam = await app.NewPageAsync();
        await BrowserPages.SignInAsync(sam, Demo.Agent1);
        await sam.GotoAsync($"/Agent/Cases/Details/{caseId}");
        await sam.GetByTestId("give-credit").ClickAsync();
        (await sam.GetByLabel("Currency (the subscriber's billing currency)").InputValueAsync()).ShouldBe("USD");
        (await sam.GetByTestId("approval-threshold").InnerTextAsync()).ShouldContain("will need a supervisor's approval");
        await sam.GetByLabel("Amount").FillAsync("17.50");
        await sam.GetByLabel("Reason").SelectOptionAsync("service_outage");
        await sam.GetByLabel("Note (optional)").FillAsync("Outage all weekend");
        await sam.GetByTestId("submit-credit").ClickAsync();
        await sam.GetByRole(AriaRole.Status).Filter(new() { HasText = "waits for a supervisor's approval" }).WaitForAsync();
        (await sam.GetByTestId("case-credit").First.GetAttributeAsync("data-status")).ShouldBe("PendingApproval");

        var row = maria.GetByTestId("credit-approval").Filter(new() { HasText = "17.50 USD" });
        await row.WaitForAsync();
        (await row.GetByTestId("approval-reason").InnerTextAsync()).ShouldContain("above Tier1's limit of 10.00 USD per credit");
        await row.GetByTestId("approve").ClickAsync();
        await maria.GetByRole(AriaRole.Status).Filter(new() { HasText = "Approved: a credit of 17.50 USD was issued." }).WaitForAsync();

        var alice = await app.NewPageAsync();
        await BrowserPages.SignInAsync(alice, Demo.Alice);
        await alice.GotoAsync($"/Portal/Cases/Details/{caseId}");
        var credit = alice.GetByTestId("portal-case-credit").Filter(new() { HasText = "17.50 USD" });
        await credit.WaitForAsync();
        (await credit.InnerTextAsync()).ShouldContain("Service outage");
        (await alice.ContentAsync()).ShouldNotContain("Outage all weekend");
    }
}
