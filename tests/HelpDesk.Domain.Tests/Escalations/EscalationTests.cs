using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.Domain.Tests.Escalations;

public sealed class EscalationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Subscriber Alice = Subscriber.Create("u1", "alice@example.com", "Alice", "Martin", SubscriptionPlan.Premium, "US", "en", "UTC", "USD", Now.AddYears(-2));
    private static readonly Subscriber Bob = Subscriber.Create("u2", "bob@example.com", "Bob", "García", SubscriptionPlan.Basic, "ES", "es", "UTC", "EUR", Now.AddYears(-1));
    private static readonly Agent Sam = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);
    private static readonly Agent Priya = Agent.Create("a2", "agent2@helpdesk.test", "Priya", "Shah", AgentTier.Tier2);
    private static readonly Agent Maria = Agent.Create("s1", "supervisor@helpdesk.test", "Maria", "Lopez", AgentTier.Supervisor);
    private static readonly Agent Omar = Agent.Create("s2", "supervisor2@helpdesk.test", "Omar", "Haddad", AgentTier.Supervisor);
    private static readonly SlaPolicy Normal = SlaPolicy.Create("Normal", CasePriority.Normal, TimeSpan.FromHours(8), TimeSpan.FromHours(8), TimeSpan.FromHours(48));

    private static Case NewCase() => Case.Open(7, Alice, Channel.Portal, CaseCategory.Playback, "Buffering", "Stops", Now);

    [Fact]
    public void Tiers_rank_tier1_below_tier2_below_tier3_below_supervisor()
    {
        (AgentTier.Tier1 < AgentTier.Tier2 && AgentTier.Tier2 < AgentTier.Tier3 && AgentTier.Tier3 < AgentTier.Supervisor).ShouldBeTrue();
        NewCase().NextTier.ShouldBe(AgentTier.Tier2);
    }

    [Fact]
    public void Escalating_moves_the_case_to_the_target_tier_queue_and_records_the_reason_on_the_timeline()
    {
        var c = NewCase();
        c.Assign(Sam, Now);

        c.Escalate(AgentTier.Tier2, "Needs a refund check", Sam, Now.AddMinutes(5));

        c.Tier.ShouldBe(AgentTier.Tier2);
        c.Queue.ShouldBe("Tier2");
        c.AssigneeId.ShouldBeNull();
        c.Interactions.ShouldContain(i => i.Visibility == Visibility.Internal && i.Body.Contains("Needs a refund check") && i.Body.Contains("Tier1 to Tier2"));
        c.Interactions.ShouldContain(i => i.Visibility == Visibility.Public && i.Body.Contains("a Tier 2 agent"));
    }

    [Fact]
    public void An_assignee_whose_tier_reaches_the_target_keeps_the_case()
    {
        var c = NewCase();
        c.Assign(Priya, Now);

        c.Escalate(AgentTier.Tier2, "Second opinion", Priya, Now);

        c.AssigneeId.ShouldBe(Priya.Id);
    }

    [Fact]
    public void Escalating_keeps_the_sla_clocks()
    {
        var c = NewCase();
        c.RefreshSla(Normal);
        var (response, resolution) = (c.ResponseDueAt, c.ResolutionDueAt);

        c.Escalate(AgentTier.Tier3, "Fraud suspected", Sam, Now.AddHours(1));
        c.RefreshSla(Normal);

        c.ResponseDueAt.ShouldBe(response);
        c.ResolutionDueAt.ShouldBe(resolution);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Escalating_needs_a_reason(string reason)
    {
        var ex = Should.Throw<DomainRuleException>(() => NewCase().Escalate(AgentTier.Tier2, reason, Sam, Now));
        ex.Code.ShouldBe("escalation.reason_required");
    }

    [Theory]
    [InlineData(AgentTier.Tier1)]
    public void Escalating_to_the_same_or_a_lower_tier_is_refused(AgentTier target)
    {
        Should.Throw<DomainRuleException>(() => NewCase().Escalate(target, "why", Sam, Now)).Code.ShouldBe("escalation.not_higher");
    }

    [Fact]
    public void An_agent_below_the_case_tier_cannot_escalate_it()
    {
        var c = NewCase();
        c.Escalate(AgentTier.Tier2, "why", Priya, Now);

        Should.Throw<DomainRuleException>(() => c.Escalate(AgentTier.Tier3, "again", Sam, Now)).Code.ShouldBe("case.tier_too_low");
    }

    [Fact]
    public void An_automatic_escalation_names_its_rule()
    {
        var c = NewCase();

        c.Escalate(AgentTier.Tier2, "SLA breached", null, Now, rule: "sla-breach");

        c.Interactions.ShouldContain(i => i.Body.Contains("Rule \"sla-breach\""));
        Should.Throw<ArgumentException>(() => NewCase().Escalate(AgentTier.Tier2, "why", null, Now));
    }

    [Fact]
    public void Handing_back_moves_the_case_down_unassigned_with_the_note()
    {
        var c = NewCase();
        c.Escalate(AgentTier.Tier3, "why", Sam, Now);

        c.HandBack(Maria, AgentTier.Tier1, "Refund done, just confirm with Alice", Now.AddHours(1));

        c.Tier.ShouldBe(AgentTier.Tier1);
        c.Queue.ShouldBe("Portal-Tier1");
        c.AssigneeId.ShouldBeNull();
        c.Interactions.ShouldContain(i => i.Visibility == Visibility.Internal && i.Body.Contains("Refund done"));
    }

    [Fact]
    public void Handing_back_needs_a_note_and_a_lower_tier()
    {
        var c = NewCase();
        c.Escalate(AgentTier.Tier2, "why", Sam, Now);

        Should.Throw<DomainRuleException>(() => c.HandBack(Priya, AgentTier.Tier1, " ", Now)).Code.ShouldBe("escalation.note_required");
        Should.Throw<DomainRuleException>(() => c.HandBack(Priya, AgentTier.Tier3, "note", Now)).Code.ShouldBe("escalation.not_lower");
    }

    [Fact]
    public void A_subscriber_asking_for_a_supervisor_moves_the_case_at_once_and_caps_the_response_deadline()
    {
        var c = NewCase();
        c.Assign(Sam, Now);
        c.AddAgentReply(Sam, "Try restarting", Now.AddMinutes(1));
        var due = Now.AddHours(4);

        c.AskForSupervisor(Alice, "Not helped", due, Now.AddMinutes(2));
        c.RefreshSla(Normal);

        c.Tier.ShouldBe(AgentTier.Supervisor);
        c.Queue.ShouldBe("Supervisor");
        c.AssigneeId.ShouldBeNull();
        c.SupervisorAnswerDueAt.ShouldBe(due);
        c.ResponseDueAt.ShouldBe(due);
        c.Interactions.ShouldContain(i => i.AuthorKind == AuthorKind.Subscriber && i.Body.Contains("Not helped"));
    }

    [Fact]
    public void A_supervisor_reply_settles_the_supervisor_answer()
    {
        var c = NewCase();
        c.AskForSupervisor(Alice, "Please", Now.AddHours(4), Now);

        c.AddAgentReply(Maria, "Hello, I am Maria", Now.AddHours(1));

        c.SupervisorAnswerDueAt.ShouldBeNull();
    }

    [Fact]
    public void Only_the_owner_can_ask_for_a_supervisor_and_must_say_why()
    {
        Should.Throw<DomainRuleException>(() => NewCase().AskForSupervisor(Bob, "Let me in", Now.AddHours(4), Now)).Code.ShouldBe("case.not_yours");
        Should.Throw<DomainRuleException>(() => NewCase().AskForSupervisor(Alice, "", Now.AddHours(4), Now)).Code.ShouldBe("escalation.reason_required");
    }

    [Fact]
    public void A_pending_request_is_approved_by_another_supervisor()
    {
        var request = EscalationRequest.ByAgent(Guid.NewGuid(), Maria, "Maria (supervisor)", AgentTier.Tier3, AgentTier.Supervisor, "Needs a supervisor", needsApproval: true, Now);
        request.Status.ShouldBe(EscalationStatus.Pending);

        request.Approve(Omar, "Omar (supervisor)", null, Now.AddMinutes(3));

        request.Status.ShouldBe(EscalationStatus.Approved);
        request.DecidedByAgentId.ShouldBe(Omar.Id);
        request.DecidedAt.ShouldBe(Now.AddMinutes(3));
    }

    [Fact]
    public void The_requester_can_never_decide_their_own_request()
    {
        var request = EscalationRequest.ByAgent(Guid.NewGuid(), Maria, "Maria", AgentTier.Tier3, AgentTier.Supervisor, "why", true, Now);

        Should.Throw<DomainRuleException>(() => request.Approve(Maria, "Maria", null, Now)).Code.ShouldBe("escalation.self_approval");
        Should.Throw<DomainRuleException>(() => request.Reject(Maria, "Maria", "no", Now)).Code.ShouldBe("escalation.self_approval");
    }

    [Fact]
    public void Only_supervisors_decide()
    {
        var request = EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier1, AgentTier.Supervisor, "why", true, Now);

        Should.Throw<DomainRuleException>(() => request.Approve(Priya, "Priya", null, Now)).Code.ShouldBe("escalation.not_supervisor");
    }

    [Fact]
    public void Rejection_needs_a_comment()
    {
        var request = EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier1, AgentTier.Supervisor, "why", true, Now);

        Should.Throw<DomainRuleException>(() => request.Reject(Maria, "Maria", "  ", Now)).Code.ShouldBe("escalation.rejection_needs_comment");
        request.Reject(Maria, "Maria", "Tier 3 can handle it", Now);
        request.Status.ShouldBe(EscalationStatus.Rejected);
        request.DecisionComment.ShouldBe("Tier 3 can handle it");
    }

    [Fact]
    public void A_decided_request_cannot_be_decided_again()
    {
        var request = EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier1, AgentTier.Supervisor, "why", true, Now);
        request.Approve(Maria, "Maria (supervisor)", null, Now);

        var ex = Should.Throw<DomainRuleException>(() => request.Reject(Omar, "Omar", "no", Now));
        ex.Code.ShouldBe("escalation.already_decided");
        ex.Message.ShouldContain("Maria (supervisor)");
    }

    [Fact]
    public void Requests_below_the_approval_level_and_automatic_ones_are_approved_at_once()
    {
        EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier1, AgentTier.Tier2, "why", false, Now).Status.ShouldBe(EscalationStatus.Approved);
        var auto = EscalationRequest.Automatic(Guid.NewGuid(), "reopened", AgentTier.Tier1, AgentTier.Tier2, "Reopened 3 times", Now);
        auto.Status.ShouldBe(EscalationStatus.Approved);
        auto.Rule.ShouldBe("reopened");
        auto.Kind.ShouldBe(EscalationKind.Automatic);
    }

    [Fact]
    public void A_subscriber_request_is_pending_with_its_answer_time()
    {
        var request = EscalationRequest.BySubscriber(Guid.NewGuid(), Alice.Id, "Alice", AgentTier.Tier1, "Please", Now.AddHours(4), Now);

        request.Kind.ShouldBe(EscalationKind.SubscriberAskedForSupervisor);
        request.Status.ShouldBe(EscalationStatus.Pending);
        request.AnswerDueAt.ShouldBe(Now.AddHours(4));
        request.ToTier.ShouldBe(AgentTier.Supervisor);
    }

    [Fact]
    public void A_request_needs_a_reason_and_a_higher_tier()
    {
        Should.Throw<DomainRuleException>(() => EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier1, AgentTier.Tier2, " ", false, Now))
            .Code.ShouldBe("escalation.reason_required");
        Should.Throw<DomainRuleException>(() => EscalationRequest.ByAgent(Guid.NewGuid(), Sam, "Sam", AgentTier.Tier2, AgentTier.Tier1, "why", false, Now))
            .Code.ShouldBe("escalation.not_higher");
    }
}
