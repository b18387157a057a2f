using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Tests.Agents;

public sealed class AgentChatCapacityTests
{
    [Fact]
    public void A_new_agent_holds_three_chats_unless_told_otherwise()
    {
        Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1).ChatCapacity.ShouldBe(3);
        Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1, chatCapacity: 5).ChatCapacity.ShouldBe(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    public void Chat_capacity_from_0_to_10_is_kept(int capacity)
    {
        var agent = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);

        agent.SetChatCapacity(capacity);

        agent.ChatCapacity.ShouldBe(capacity);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Chat_capacity_outside_0_to_10_is_refused_and_the_old_value_stays(int capacity)
    {
        var agent = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1, chatCapacity: 2);

        var refused = Should.Throw<DomainRuleException>(() => agent.SetChatCapacity(capacity));

        refused.Code.ShouldBe("agent.bad_chat_capacity");
        refused.Message.ShouldBe("Chat capacity must be between 0 and 10 chats (0: takes no chats).");
        agent.ChatCapacity.ShouldBe(2);
        Should.Throw<DomainRuleException>(() => Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1, chatCapacity: capacity));
    }
}
