using HelpDesk.Application.Chat;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Chat;

/// <summary>Each agent's own chat capacity (Agent.ChatCapacity) bounds the chats they accept or are transferred.</summary>
public sealed class ChatCapacityTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private async Task<T> As<T>(string email, Mediator.IMessage request) => await Staffing.SendAsync<T>(app.Services, await Demo.IdentityAsync(app.Services, email), request);

    private Task<T> As<T>(TestIdentity who, Mediator.IMessage request) => Staffing.SendAsync<T>(app.Services, who, request);

    private static string Language() => "x" + (char)('a' + Random.Shared.Next(26)) + "-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<ChatView> QueuedAsync(string email, string language)
    {
        var chat = (await As<StartChatResult>(email, new StartChat.Command(Language: language))).Chat;
        return await As<ChatView>(email, new AskForPerson.Command(chat.Id));
    }

    [Fact]
    public async Task New_agents_start_with_the_configured_default_of_three_chats()
    {
        var agent = await Staffing.AgentAsync(app.Services, "Dflt", AgentTier.Tier1);

        await using var scope = app.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().Agents.AsNoTracking().SingleAsync(a => a.Id == agent.AgentId);
        stored.ChatCapacity.ShouldBe(3);
        (await As<ChatQueueView>(agent, new ListChatQueue.Query())).Capacity.ShouldBe(3);
    }

    [Fact]
    public async Task An_agent_with_capacity_1_cannot_accept_a_second_chat_while_one_with_capacity_3_can()
    {
        var language = Language();
        var one = await Staffing.AgentAsync(app.Services, "One", AgentTier.Tier1, chatCapacity: 1);
        var three = await Staffing.AgentAsync(app.Services, "Three", AgentTier.Tier1, chatCapacity: 3);
        var chats = new List<ChatView>();
        for (var i = 0; i < 4; i++)
        {
            chats.Add(await QueuedAsync(i % 2 == 0 ? Demo.Alice : Demo.Bob, language));
        }

        (await As<ChatView>(one, new AcceptChat.Command(chats[0].Id))).State.ShouldBe(ChatState.WithAgent);
        var refused = await Should.ThrowAsync<DomainRuleException>(() => As<ChatView>(one, new AcceptChat.Command(chats[1].Id)));
        refused.Code.ShouldBe("chat.capacity");
        refused.Message.ShouldBe("You already have 1 of 1 chats open, your limit. End or transfer one before accepting another.");
        var oneQueue = await As<ChatQueueView>(one, new ListChatQueue.Query());
        (oneQueue.Active, oneQueue.Capacity).ShouldBe((1, 1));

        (await As<ChatView>(three, new AcceptChat.Command(chats[1].Id))).State.ShouldBe(ChatState.WithAgent);
        (await As<ChatView>(three, new AcceptChat.Command(chats[2].Id))).State.ShouldBe(ChatState.WithAgent);
        (await As<ChatView>(three, new AcceptChat.Command(chats[3].Id))).State.ShouldBe(ChatState.WithAgent);
        var threeQueue = await As<ChatQueueView>(three, new ListChatQueue.Query());
        (threeQueue.Active, threeQueue.Capacity).ShouldBe((3, 3));

        // Transfer to an agent counts the receiver's own capacity.
        var transfer = await Should.ThrowAsync<DomainRuleException>(() =>
            As<ChatView>(three, new TransferChat.Command(chats[1].Id, one.AgentId, null, "Over to you")));
        transfer.Code.ShouldBe("chat.capacity");
        transfer.Message.ShouldEndWith("already has 1 of 1 chats open, their limit.");
    }

    [Fact]
    public async Task An_agent_with_capacity_0_takes_no_chats_and_is_told_why()
    {
        var language = Language();
        var none = await Staffing.AgentAsync(app.Services, "None", AgentTier.Tier1, chatCapacity: 0);
        var other = await Staffing.AgentAsync(app.Services, "Other", AgentTier.Tier1, chatCapacity: 2);
        var chat = await QueuedAsync(Demo.Alice, language);

        var refused = await Should.ThrowAsync<DomainRuleException>(() => As<ChatView>(none, new AcceptChat.Command(chat.Id)));

        refused.Code.ShouldBe("chat.capacity");
        refused.Message.ShouldBe("Your chat capacity is 0, so you take no chats. Ask an administrator to raise it on your work profile.");
        var queue = await As<ChatQueueView>(none, new ListChatQueue.Query());
        (queue.Active, queue.Capacity).ShouldBe((0, 0));

        await As<ChatView>(other, new AcceptChat.Command(chat.Id));
        var transfer = await Should.ThrowAsync<DomainRuleException>(() =>
            As<ChatView>(other, new TransferChat.Command(chat.Id, none.AgentId, null, "Can you take this?")));
        transfer.Code.ShouldBe("chat.capacity");
        transfer.Message.ShouldEndWith("takes no chats (chat capacity 0).");
    }
}
