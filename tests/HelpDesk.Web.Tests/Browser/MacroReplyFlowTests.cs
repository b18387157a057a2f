using HelpDesk.Application.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using static HelpDesk.Web.Tests.Browser.BrowserPages;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>Issue 4: an agent answers with a saved reply and says why; the subscriber sees both in the portal.</summary>
public sealed class MacroReplyFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<OpenCase.Result> OpenAsAliceAsync(string subject)
    {
        using (TestIdentity.As(await Demo.IdentityAsync(app.Services, Demo.Alice)))
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new OpenCase.Command(subject, "Playback", "The picture keeps dropping to low quality on the TV."));
        }
    }

    [Fact]
    public async Task An_agent_inserts_a_saved_reply_with_its_explanation_and_the_subscriber_sees_the_reply_and_why_we_ask()
    {
        var opened = await OpenAsAliceAsync($"Blurry picture {Guid.NewGuid():N}"[..22]);
        string macroExplanation;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            macroExplanation = (await db.Macros.SingleAsync(m => m.Name == "Ask for device model and connection")).Explanation!;
        }

        // Sam starts a greeting, then picks the saved reply: it is inserted after his words without leaving the page.
        var agent = await app.NewPageAsync("Europe/London");
        await SignInAsync(agent, Demo.Agent1);
        await agent.GotoAsync($"/Agent/Cases/Details/{opened.Id}");
        var message = agent.GetByLabel("Message", new() { Exact = true });
        await message.FillAsync("Good morning! ");
        await message.PressAsync("End");
        var detailsUrl = agent.Url;
        await agent.GetByLabel("Saved reply").SelectOptionAsync(new SelectOptionValue { Label = "Ask for device model and connection" });
        await agent.GetByRole(AriaRole.Status).Filter(new() { HasText = "Inserted" }).WaitForAsync();
        (await message.InputValueAsync()).ShouldBe(
            "Good morning! Hi Alice, could you tell me the model and year of the device, and whether it is on Wi-Fi or a cable? — Sam");
        agent.Url.ShouldBe(detailsUrl); // inserted in place, no reload
        var explanation = agent.GetByLabel("Why we ask this");
        (await explanation.InputValueAsync()).ShouldBe(macroExplanation);
        await explanation.FillAsync(macroExplanation + " It takes a minute.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send public reply" }).ClickAsync();
        await agent.GetByText("Reply sent.").WaitForAsync();

        // Alice sees the reply and, under it, why we ask.
        var alice = await app.NewPageAsync();
        await SignInAsync(alice, Demo.Alice);
        await alice.GotoAsync($"/Portal/Cases/Details/{opened.Id}");
        var reply = alice.Locator("ol.timeline li[data-kind=Agent]");
        (await reply.Locator("p.body").InnerTextAsync()).ShouldStartWith("Good morning! Hi Alice, could you tell me the model and year");
        (await reply.GetByTestId("explanation").InnerTextAsync()).ShouldBe($"Why we ask this: {macroExplanation} It takes a minute.");
        (await alice.Locator("[aria-current=step]").InnerTextAsync()).ShouldStartWith("With an agent");
    }
}
