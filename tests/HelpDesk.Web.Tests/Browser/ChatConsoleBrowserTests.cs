using System.Text.RegularExpressions;
using HelpDesk.Testing;
using Microsoft.Playwright;

using static HelpDesk.Web.Tests.Browser.BrowserPages;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>
/// Issue 7's two-browser test: a subscriber chats with the assistant in the portal widget and asks for a person; an
/// agent in a second browser context sees the chat arrive in the console queue, accepts it, reads the labelled
/// transcript and replies; each side sees the other's messages (and typing) live, without reloading.
/// </summary>
public sealed partial class ChatConsoleBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [GeneratedRegex(@"You are number \d+ in the queue for a person\.")]
    private static partial Regex QueuedText();

    [Fact]
    public async Task A_subscriber_asks_the_assistant_for_a_person_an_agent_accepts_from_the_queue_and_both_see_each_other_live()
    {
        // The agent's console is open first: the chat must arrive in it live.
        var agent = await app.NewPageAsync("Europe/London");
        await SignInAsync(agent, Demo.Agent1);
        await agent.GotoAsync("/Agent/Chats");
        await agent.Locator("#chat-queue[data-connected=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var badge = agent.GetByTestId("chats-link");
        var waitingBefore = int.Parse((await badge.GetAttributeAsync("data-waiting"))!, System.Globalization.CultureInfo.InvariantCulture);
        await agent.EvaluateAsync("() => { window.notReloaded = true; }");

        // The subscriber, in another browser context, chats with the labelled assistant.
        var alice = await app.NewPageAsync();
        await SignInAsync(alice, Demo.Alice);
        await alice.GotoAsync("/Portal/Cases");
        await alice.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        var log = alice.Locator("#chat-log");
        await log.Locator("li[data-author=Assistant]").First.WaitForAsync();
        await alice.GetByLabel("Your message").FillAsync("the video keeps buffering");
        await alice.GetByLabel("Your message").PressAsync("Enter");
        var answer = log.Locator("li[data-author=Assistant]").Nth(1);
        await answer.WaitForAsync();

        // Talk to a person: she sees her place in the queue before anyone accepts.
        await answer.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Assertions.Expect(alice.Locator("#chat-status")).ToHaveTextAsync(QueuedText());
        await Assertions.Expect(alice.Locator("#chat-status")).ToContainTextAsync("Estimated wait:");
        var chatId = await alice.EvaluateAsync<string>("() => sessionStorage.getItem('helpdesk.chat.id')");
        await alice.EvaluateAsync("() => { window.notReloaded = true; }");

        // The agent's queue shows it without a reload, with the navigation badge counting it.
        var row = agent.Locator($"tr[data-chat-id='{chatId}']");
        await row.WaitForAsync();
        await Assertions.Expect(row).ToContainTextAsync("Alice");
        await Assertions.Expect(row).ToContainTextAsync("the video keeps buffering");
        await Assertions.Expect(badge).ToHaveAttributeAsync("data-waiting", (waitingBefore + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await agent.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the queue page must not reload");

        // Accept (keyboard): the chat page shows the whole transcript, the assistant's part labelled, and the context.
        var accept = row.GetByRole(AriaRole.Button, new() { Name = "Accept the chat with Alice" });
        await accept.FocusAsync();
        await agent.Keyboard.PressAsync("Enter");
        await agent.WaitForURLAsync($"**/Agent/Chats/Chat/{chatId}");
        var workspace = agent.Locator("#chat-workspace[data-live=true]");
        await workspace.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var transcript = agent.GetByTestId("transcript");
        await Assertions.Expect(transcript.Locator("li[data-author=Subscriber]").First).ToContainTextAsync("the video keeps buffering");
        (await transcript.Locator("li[data-author=Assistant]").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await transcript.Locator("li[data-author=Assistant] [data-testid=assistant-label]").CountAsync())
            .ShouldBe(await transcript.Locator("li[data-author=Assistant]").CountAsync(), "every assistant message is labelled");
        await Assertions.Expect(agent.GetByTestId("subscriber-context")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByTestId("chat-state")).ToHaveTextAsync("WithAgent");

        // Alice sees who holds her chat, live.
        await Assertions.Expect(alice.Locator("#chat-status")).ToContainTextAsync("You are chatting with");

        // She types: the agent sees it; the agent replies: she sees the reply without reloading.
        await alice.GetByLabel("Your message").PressSequentiallyAsync("is anyone there");
        await Assertions.Expect(agent.GetByTestId("typing")).ToContainTextAsync("is typing");
        await alice.GetByLabel("Your message").PressAsync("Enter");
        await Assertions.Expect(transcript.Locator("li[data-author=Subscriber]").Last).ToContainTextAsync("is anyone there");

        await agent.GetByLabel("Message to Alice").FillAsync("Hi Alice, I'm here. Which device are you watching on?");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(transcript.Locator("li[data-author=Agent]").Last).ToContainTextAsync("Which device are you watching on?");
        await Assertions.Expect(agent.GetByLabel("Message to Alice")).ToHaveValueAsync("");

        var reply = log.Locator("li[data-author=Agent]").Last;
        await Assertions.Expect(reply).ToContainTextAsync("Which device are you watching on?");
        (await alice.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue("the subscriber's page must not reload");
        (await transcript.Locator("li[data-author=Agent]").CountAsync()).ShouldBe(1, "sent once, shown once");
    }
}
