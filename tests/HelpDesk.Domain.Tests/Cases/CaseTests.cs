using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.Domain.Tests.Cases;

public sealed class CaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Subscriber Alice = Subscriber.Create("u1", "Alice@Example.com ", "Alice", "Martin", SubscriptionPlan.Premium, "us", "EN", "America/New_York", "usd", Now.AddYears(-2));
    private static readonly Subscriber Bob = Subscriber.Create("u2", "bob@example.com", "Bob", "García", SubscriptionPlan.Basic, "ES", "es", "Europe/Madrid", "EUR", Now.AddYears(-1));
    private static readonly Agent Tier1 = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);
    private static readonly Agent Tier3 = Agent.Create("a3", "agent3@helpdesk.test", "Diego", "Santos", AgentTier.Tier3);

    private static Case NewCase(CaseCategory category = CaseCategory.Playback) =>
        Case.Open(42, Alice, Channel.Portal, category, "  Buffering  ", "Stops every few minutes", Now);

    [Fact]
    public void A_new_case_is_received_with_the_description_and_a_public_receipt_on_its_timeline()
    {
        var c = NewCase();

        c.DisplayNumber.ShouldBe("HD-000042");
        c.Subject.ShouldBe("Buffering");
        c.Status.ShouldBe(CaseStatus.New);
        c.Stage.ShouldBe(SubscriberStage.Received);
        c.Interactions.Select(i => i.AuthorKind).ShouldBe([AuthorKind.Subscriber, AuthorKind.System]);
        c.Interactions.ShouldAllBe(i => i.Visibility == Visibility.Public);
        c.Interactions[1].Body.ShouldContain("HD-000042");
    }

    [Fact]
    public void Subscriber_profile_values_are_normalised()
    {
        Alice.Email.ShouldBe("alice@example.com");
        Alice.Country.ShouldBe("US");
        Alice.Language.ShouldBe("en");
        Alice.BillingCurrency.ShouldBe("USD");
    }

    [Theory]
    [InlineData(CaseCategory.ChildSafety)]
    [InlineData(CaseCategory.AccountTakeover)]
    [InlineData(CaseCategory.Harassment)]
    [InlineData(CaseCategory.Legal)]
    public void Sensitive_categories_start_at_tier3_urgent(CaseCategory category)
    {
        var c = NewCase(category);

        c.Tier.ShouldBe(AgentTier.Tier3);
        c.Priority.ShouldBe(CasePriority.Urgent);
        c.Queue.ShouldBe("Tier3");
    }

    [Theory]
    [InlineData(CaseCategory.Billing)]
    [InlineData(CaseCategory.Playback)]
    [InlineData(CaseCategory.Other)]
    public void Ordinary_categories_start_in_the_channels_tier1_queue(CaseCategory category)
    {
        var c = NewCase(category);

        c.Tier.ShouldBe(AgentTier.Tier1);
        c.Priority.ShouldBe(CasePriority.Normal);
        c.Queue.ShouldBe("Portal-Tier1");
    }

    [Fact]
    public void The_first_public_reply_opens_assigns_and_counts_as_first_response_but_a_note_does_not()
    {
        var c = NewCase();

        c.AddInternalNote(Tier1, "checking CDN", Now.AddMinutes(5));
        c.FirstRespondedAt.ShouldBeNull();
        c.Status.ShouldBe(CaseStatus.New);

        var reply = c.AddAgentReply(Tier1, "Please restart", Now.AddMinutes(10));
        reply.AuthorName.ShouldBe("Sam (Tier 1 agent)");
        c.Status.ShouldBe(CaseStatus.Open);
        c.AssigneeId.ShouldBe(Tier1.Id);
        c.FirstRespondedAt.ShouldBe(Now.AddMinutes(10));
        c.Stage.ShouldBe(SubscriberStage.WithAnAgent);
    }

    [Fact]
    public void An_agent_below_the_cases_tier_cannot_reply_note_or_resolve()
    {
        var c = NewCase(CaseCategory.Legal);

        Should.Throw<DomainRuleException>(() => c.AddAgentReply(Tier1, "hi", Now)).Code.ShouldBe("case.tier_too_low");
        Should.Throw<DomainRuleException>(() => c.AddInternalNote(Tier1, "hi", Now));
        Should.Throw<DomainRuleException>(() => c.Resolve(Tier1, Now));
        c.AddAgentReply(Tier3, "On it", Now).ShouldNotBeNull();
    }

    [Fact]
    public void Resolving_records_when_and_a_subscriber_reply_reopens()
    {
        var c = NewCase();
        var entry = c.Resolve(Tier1, Now.AddHours(1));

        c.Status.ShouldBe(CaseStatus.Resolved);
        c.ResolvedAt.ShouldBe(Now.AddHours(1));
        entry.Visibility.ShouldBe(Visibility.Public);
        entry.Body.ShouldContain("resolved");

        c.AddSubscriberMessage(Alice, "Still broken", Now.AddHours(2));
        c.Status.ShouldBe(CaseStatus.Open);
        c.ResolvedAt.ShouldBeNull();
    }

    [Fact]
    public void Only_the_owner_can_write_as_the_subscriber()
    {
        var c = NewCase();

        Should.Throw<DomainRuleException>(() => c.AddSubscriberMessage(Bob, "me too", Now)).Code.ShouldBe("case.not_yours");
    }

    [Fact]
    public void A_closed_case_refuses_messages_and_moves()
    {
        var c = NewCase();
        c.Resolve(Tier1, Now);
        c.MoveTo(CaseStatus.Closed, Now);

        Should.Throw<DomainRuleException>(() => c.AddSubscriberMessage(Alice, "hello", Now)).Code.ShouldBe("case.closed");
        Should.Throw<DomainRuleException>(() => c.AddAgentReply(Tier1, "hello", Now)).Code.ShouldBe("case.closed");
        var illegal = Should.Throw<DomainRuleException>(() => c.MoveTo(CaseStatus.Open, Now));
        illegal.Code.ShouldBe("case.illegal_transition");
        illegal.Message.ShouldBe("Case HD-000042 is closed and cannot be moved to open.");
    }

    [Fact]
    public void A_new_case_cannot_be_closed_without_being_resolved()
    {
        Should.Throw<DomainRuleException>(() => NewCase().MoveTo(CaseStatus.Closed, Now));
    }
}
