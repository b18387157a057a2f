using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Tests.Chat;

public sealed class ChatConversationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static ChatConversation Started() => ChatConversation.Start(Guid.NewGuid(), Guid.NewGuid(), "Alice", "EN", Now);

    private static ChatConversation Queued(AgentTier tier = AgentTier.Tier1)
    {
        var chat = Started();
        chat.Queue(tier, CasePriority.Normal, staffed: true, Now);
        return chat;
    }

    [Fact]
    public void Messages_are_numbered_in_order_and_keep_author_kind_name_and_client_id()
    {
        var chat = Started();
        var id = Guid.NewGuid();
        var first = chat.NextMessage(ChatAuthorKind.Assistant, null, "Virtual assistant", "Hi, how can I help?", Now, steps: [new ChatStep("Restart", "Clears a stuck session")], offersPerson: true);
        var second = chat.NextMessage(ChatAuthorKind.Subscriber, chat.SubscriberId, "Alice", "  My card failed  ", Now, id);

        first.Seq.ShouldBe(1);
        second.Seq.ShouldBe(2);
        chat.LastSeq.ShouldBe(2);
        second.Text.ShouldBe("My card failed");
        second.ClientMessageId.ShouldBe(id);
        first.Steps.ShouldHaveSingleItem().Why.ShouldBe("Clears a stuck session");
        first.OffersPerson.ShouldBeTrue();
        chat.Language.ShouldBe("en");
    }

    [Fact]
    public void A_message_over_2000_characters_or_empty_is_refused_with_a_clear_reason()
    {
        var chat = Started();
        ChatConversation.MessageError(new string('a', 2000)).ShouldBeNull();
        ChatConversation.MessageError(new string('a', 2001)).ShouldBe("A chat message has at most 2,000 characters; this one has 2,001.");
        ChatConversation.MessageError(" ").ShouldBe("Write a message first.");
        Should.Throw<DomainRuleException>(() => chat.NextMessage(ChatAuthorKind.Subscriber, null, "Alice", new string('a', 2001), Now)).Code.ShouldBe("chat.message_invalid");
        chat.LastSeq.ShouldBe(0);
    }

    [Fact]
    public void The_chat_moves_from_assistant_to_queue_to_agent_to_ended()
    {
        var chat = Started();
        chat.State.ShouldBe(ChatState.WithAssistant);
        chat.Queue(AgentTier.Tier3, CasePriority.Urgent, staffed: true, Now);
        chat.State.ShouldBe(ChatState.Queued);
        chat.QueueTier.ShouldBe(AgentTier.Tier3);
        chat.Priority.ShouldBe(CasePriority.Urgent);
        Should.Throw<DomainRuleException>(() => chat.Queue(AgentTier.Tier1, CasePriority.Normal, true, Now)).Message.ShouldContain("already in the queue");

        var agent = Guid.NewGuid();
        Should.Throw<DomainRuleException>(() => chat.Accept(agent, "Sam (Tier 1 agent)", AgentTier.Tier1, Now)).Code.ShouldBe("chat.tier_too_low");
        chat.Accept(agent, "Kim (Tier 3 agent)", AgentTier.Tier3, Now.AddMinutes(1));
        chat.State.ShouldBe(ChatState.WithAgent);
        chat.AcceptedAt.ShouldBe(Now.AddMinutes(1));
        chat.QueuedAt.ShouldBe(Now, "kept for the wait statistics");
        var other = Should.Throw<DomainRuleException>(() => chat.Accept(Guid.NewGuid(), "Lee (Supervisor)", AgentTier.Supervisor, Now));
        other.Code.ShouldBe("chat.already_accepted");
        other.Message.ShouldBe("Kim (Tier 3 agent) accepted this chat first.");

        chat.End(ChatEndedBy.Agent, Now.AddMinutes(5));
        chat.State.ShouldBe(ChatState.Ended);
        chat.CanRate.ShouldBeTrue();
        Should.Throw<DomainRuleException>(() => chat.NextMessage(ChatAuthorKind.Subscriber, null, "Alice", "hello?", Now)).Code.ShouldBe("chat.ended");
    }

    [Fact]
    public void Only_the_holding_agent_may_write_in_the_chat()
    {
        var chat = Queued();
        var agent = Guid.NewGuid();
        Should.Throw<DomainRuleException>(() => chat.NextMessage(ChatAuthorKind.Agent, agent, "Sam", "Hi", Now)).Code.ShouldBe("chat.not_yours");
        chat.Accept(agent, "Sam", AgentTier.Tier1, Now);
        Should.Throw<DomainRuleException>(() => chat.NextMessage(ChatAuthorKind.Agent, Guid.NewGuid(), "Pat", "Hi", Now)).Code.ShouldBe("chat.not_yours");
        chat.NextMessage(ChatAuthorKind.Agent, agent, "Sam", "Hi", Now).Seq.ShouldBe(1);
    }

    [Fact]
    public void The_fallback_is_offered_after_the_allowed_wait_or_at_once_outside_staffed_hours_and_the_chat_stays_acceptable()
    {
        var chat = Queued();
        chat.OfferFallbackIfWaitedTooLong(TimeSpan.FromMinutes(3), Now.AddMinutes(2)).ShouldBeFalse();
        chat.OfferFallbackIfWaitedTooLong(TimeSpan.FromMinutes(3), Now.AddMinutes(3)).ShouldBeTrue();
        chat.State.ShouldBe(ChatState.FallbackOffered);
        chat.FallbackReason.ShouldBe(ChatFallbackReason.NoAgentInTime);
        chat.IsWaiting.ShouldBeTrue();

        var closed = Started();
        closed.Queue(AgentTier.Tier1, CasePriority.Normal, staffed: false, Now);
        closed.State.ShouldBe(ChatState.FallbackOffered);
        closed.FallbackReason.ShouldBe(ChatFallbackReason.OutsideStaffedHours);
        closed.Accept(Guid.NewGuid(), "Sam", AgentTier.Tier1, Now);
        closed.State.ShouldBe(ChatState.WithAgent);
        Should.Throw<DomainRuleException>(() => closed.ChooseFallback(ChatFallbackChoice.Email, Now)).Code.ShouldBe("chat.fallback_not_offered");

        chat.ChooseFallback(ChatFallbackChoice.Callback, Now);
        chat.State.ShouldBe(ChatState.Ended);
        chat.FallbackChoice.ShouldBe(ChatFallbackChoice.Callback);
    }

    [Fact]
    public void Transfers_go_to_another_agent_or_back_to_a_tier_queue()
    {
        var chat = Queued();
        var first = Guid.NewGuid();
        chat.Accept(first, "Sam", AgentTier.Tier1, Now);
        Should.Throw<DomainRuleException>(() => chat.TransferToAgent(first, "Sam", AgentTier.Tier1, Now)).Code.ShouldBe("chat.transfer_self");
        var second = Guid.NewGuid();
        chat.TransferToAgent(second, "Pat", AgentTier.Tier2, Now);
        chat.AgentId.ShouldBe(second);

        chat.TransferToTier(AgentTier.Tier2, staffed: true, Now.AddMinutes(1));
        chat.State.ShouldBe(ChatState.Queued);
        chat.QueueTier.ShouldBe(AgentTier.Tier2);
        chat.AgentId.ShouldBeNull();
        chat.QueuedAt.ShouldBe(Now.AddMinutes(1));
    }

    [Fact]
    public void A_chat_is_rated_once_from_1_to_5_after_it_ends()
    {
        var chat = Started();
        Should.Throw<DomainRuleException>(() => chat.Rate(5, null, Now)).Code.ShouldBe("chat.not_ended");
        chat.End(ChatEndedBy.Subscriber, Now);
        Should.Throw<DomainRuleException>(() => chat.Rate(0, null, Now)).Code.ShouldBe("chat.rating_range");
        chat.Rate(5, "  Great  ", Now);
        chat.Rating.ShouldBe(5);
        chat.RatingComment.ShouldBe("Great");
        Should.Throw<DomainRuleException>(() => chat.Rate(1, null, Now)).Code.ShouldBe("chat.already_rated");
    }

    [Fact]
    public void A_guest_chat_stores_only_the_hash_of_its_access_token()
    {
        var chat = ChatConversation.StartGuest(Guid.NewGuid(), Guid.NewGuid(), "Gwen", "gwen@example.net", "en", Now, out var token);
        var again = ChatConversation.StartGuest(Guid.NewGuid(), Guid.NewGuid(), "Gwen", "gwen@example.net", "en", Now, out var other);

        chat.IsGuest.ShouldBeTrue();
        token.ShouldNotBe(other);
        token.Length.ShouldBe(43);
        chat.AccessTokenHash.ShouldBe(ChatConversation.HashToken(token));
        chat.AccessTokenHash!.ShouldNotContain(token);
        chat.MatchesToken(token).ShouldBeTrue();
        chat.MatchesToken(other).ShouldBeFalse();
        chat.MatchesToken(null).ShouldBeFalse();
        Started().MatchesToken(token).ShouldBeFalse();
    }

    [Fact]
    public void The_estimated_wait_is_the_median_recent_wait_times_the_rounds_ahead()
    {
        var median = ChatWaitEstimate.Median([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(2)], TimeSpan.FromMinutes(9));
        median.ShouldBe(TimeSpan.FromMinutes(2));
        ChatWaitEstimate.Median([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(3)], TimeSpan.Zero).ShouldBe(TimeSpan.FromMinutes(2));
        ChatWaitEstimate.Median([], TimeSpan.FromMinutes(9)).ShouldBe(TimeSpan.FromMinutes(9));

        ChatWaitEstimate.For(position: 1, freeAgents: 0, median).ShouldBe(TimeSpan.FromMinutes(2));
        ChatWaitEstimate.For(position: 3, freeAgents: 2, median).ShouldBe(TimeSpan.FromMinutes(4));
        ChatWaitEstimate.For(position: 4, freeAgents: 2, median).ShouldBe(TimeSpan.FromMinutes(4));
        ChatWaitEstimate.For(position: 5, freeAgents: 1, median).ShouldBe(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void Staffed_hours_are_checked_in_their_own_time_zone()
    {
        var hours = new ChatStaffedHours("America/New_York", new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Friday }, new TimeOnly(9, 0), new TimeOnly(17, 0));
        // Friday 4 December 2026, 15:00 UTC = 10:00 in New York.
        hours.IsStaffed(Now).ShouldBeTrue();
        hours.IsStaffed(Now.AddHours(8)).ShouldBeFalse("23:00 UTC is 18:00 in New York");
        hours.IsStaffed(Now.AddDays(1)).ShouldBeFalse("Saturday");
        ChatStaffedHours.Always.IsStaffed(Now.AddHours(9)).ShouldBeTrue();
    }
}
