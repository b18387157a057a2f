using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Escalations;

public sealed class EscalationUseCaseTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<Guid> OpenAsync(string subscriber = Demo.Alice, string category = "Playback", string subject = "Buffering") =>
        (await SendAs<OpenCase.Result>(subscriber, new OpenCase.Command(subject, category, "It stops every few minutes."))).Id;

    private Task<Case> CaseAsync(Guid id) => WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));

    private Task<List<Interaction>> TimelineAsync(Guid id) =>
        WithDb(db => db.Interactions.AsNoTracking().Where(i => i.CaseId == id).OrderBy(i => i.CreatedAt).ToListAsync());

    private Task<List<AuditEvent>> AuditAsync(Guid id) =>
        WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.CaseId == id).OrderBy(a => a.Id).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(Guid id) =>
        WithDb(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == id).ToListAsync());

    private Task<Guid> AgentIdAsync(string email) => WithDb(db => db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    private Task<EscalationResult> EscalateAsync(string agent, Guid caseId, string tier, string reason = "Needs deeper billing access") =>
        SendAs<EscalationResult>(agent, new EscalateCase.Command(caseId, tier, reason));

    [Fact]
    public async Task An_agent_escalates_below_the_approval_level_and_the_case_moves_at_once_with_an_audited_timeline_entry()
    {
        var id = await OpenAsync();
        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(id, await AgentIdAsync(Demo.Agent1)));

        var result = await EscalateAsync(Demo.Agent1, id, "Tier2");

        result.Applied.ShouldBeTrue();
        result.Request.Status.ShouldBe(EscalationStatus.Approved);
        result.CanWork.ShouldBeFalse();
        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Tier2);
        @case.Queue.ShouldBe("Tier2");
        @case.AssigneeId.ShouldBeNull();
        (await TimelineAsync(id)).ShouldContain(i => i.Visibility == Visibility.Internal && i.Body.Contains("Needs deeper billing access"));
        (await AuditAsync(id)).ShouldContain(a => a.Action == "case.escalated" && a.Data!.Contains("Tier2"));
        var history = await SendAs<IReadOnlyList<EscalationView>>(Demo.Agent2, new GetCaseEscalations.Query(id));
        history.ShouldHaveSingleItem().Kind.ShouldBe(EscalationKind.AgentRequest);
    }

    [Fact]
    public async Task Handing_back_moves_the_case_down_unassigned_with_the_note_and_is_audited()
    {
        var id = await OpenAsync();
        await EscalateAsync(Demo.Agent1, id, "Tier3");

        var state = await SendAs<CaseState>(Demo.Agent3, new HandBackCase.Command(id, "Tier1", "Password reset done; confirm with Alice."));

        state.Tier.ShouldBe(AgentTier.Tier1);
        state.Queue.ShouldBe("Portal-Tier1");
        (await TimelineAsync(id)).ShouldContain(i => i.Body.Contains("Password reset done"));
        (await AuditAsync(id)).ShouldContain(a => a.Action == "case.handed_back");
        await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent1, new HandBackCase.Command(id, "Tier1", " ")));
    }

    [Theory]
    [InlineData("Tier1")]
    [InlineData("Tier2")]
    public async Task A_sensitive_case_cannot_be_handed_back_below_tier3_and_says_why(string toTier)
    {
        var id = await OpenAsync(category: "ChildSafety", subject: "Adult messaging a child profile");
        (await CaseAsync(id)).Tier.ShouldBe(AgentTier.Tier3);

        var refused = await Should.ThrowAsync<DomainRuleException>(() => SendAs<CaseState>(Demo.Agent3, new HandBackCase.Command(id, toTier, "Nothing to do here")));

        refused.Code.ShouldBe("escalation.sensitive_stays_senior");
        refused.Message.ShouldContain("sensitive category (Child safety concern); it stays at Tier3 or above");
        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Tier3);
        (await AuditAsync(id)).ShouldNotContain(a => a.Action == "case.handed_back");
    }

    [Fact]
    public async Task An_escalation_to_supervisor_waits_for_approval_and_moves_the_case_once_approved_and_the_requester_is_told()
    {
        var id = await OpenAsync();

        var result = await EscalateAsync(Demo.Agent1, id, "Supervisor", "Threatens to cancel, wants a manager");

        result.Applied.ShouldBeFalse();
        result.Request.Status.ShouldBe(EscalationStatus.Pending);
        (await CaseAsync(id)).Tier.ShouldBe(AgentTier.Tier1);
        (await AuditAsync(id)).ShouldContain(a => a.Action == "escalation.requested");
        var supervisor = await AgentIdAsync(Demo.Supervisor);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == supervisor && n.Kind == "escalation.approval_requested");

        var approved = await SendAs<EscalationView>(Demo.Supervisor, new ApproveEscalation.Command(result.Request.Id, "Taking it"));

        approved.Status.ShouldBe(EscalationStatus.Approved);
        approved.DecidedBy.ShouldNotBeNull().ShouldContain("supervisor");
        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Supervisor);
        @case.Queue.ShouldBe("Supervisor");
        (await AuditAsync(id)).ShouldContain(a => a.Action == "escalation.approved");
        var agent1 = await AgentIdAsync(Demo.Agent1);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == agent1 && n.Kind == "escalation.approved");
    }

    [Fact]
    public async Task A_rejection_needs_a_comment_leaves_the_case_where_it_was_and_tells_the_requester_why()
    {
        var id = await OpenAsync();
        var pending = (await EscalateAsync(Demo.Agent2, id, "Supervisor")).Request;

        await Should.ThrowAsync<ValidationException>(() => SendAs<EscalationView>(Demo.Supervisor, new RejectEscalation.Command(pending.Id, "")));
        var rejected = await SendAs<EscalationView>(Demo.Supervisor, new RejectEscalation.Command(pending.Id, "Tier 3 can handle this one"));

        rejected.Status.ShouldBe(EscalationStatus.Rejected);
        (await CaseAsync(id)).Tier.ShouldBe(AgentTier.Tier1);
        var agent2 = await AgentIdAsync(Demo.Agent2);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == agent2 && n.Kind == "escalation.rejected" && n.Message.Contains("Tier 3 can handle"));
        (await AuditAsync(id)).ShouldContain(a => a.Action == "escalation.rejected");
    }

    [Fact]
    public async Task A_supervisor_cannot_decide_their_own_request()
    {
        var id = await OpenAsync();
        await EscalateAsync(Demo.Agent1, id, "Tier3");
        var own = (await EscalateAsync(Demo.Supervisor, id, "Supervisor", "I want a second supervisor to look")).Request;
        own.Status.ShouldBe(EscalationStatus.Pending);

        (await Should.ThrowAsync<DomainRuleException>(() => SendAs<EscalationView>(Demo.Supervisor, new ApproveEscalation.Command(own.Id))))
            .Code.ShouldBe("escalation.self_approval");
        (await Should.ThrowAsync<DomainRuleException>(() => SendAs<EscalationView>(Demo.Supervisor, new RejectEscalation.Command(own.Id, "no"))))
            .Code.ShouldBe("escalation.self_approval");
        var inbox = await SendAs<IReadOnlyList<ListPendingEscalations.PendingEscalation>>(Demo.Supervisor, new ListPendingEscalations.Query());
        inbox.Single(p => p.Id == own.Id).MayDecide.ShouldBeFalse();
    }

    [Fact]
    public async Task Two_supervisors_deciding_at_once_produce_one_decision_and_the_other_gets_a_clear_conflict()
    {
        var id = await OpenAsync();
        var pending = (await EscalateAsync(Demo.Agent1, id, "Supervisor")).Request;
        var other = await Staffing.AgentAsync(App.Services, "Olga", AgentTier.Supervisor);
        var maria = await Demo.IdentityAsync(App.Services, Demo.Supervisor);

        var attempts = await Task.WhenAll(new[] { maria, other }.Select(who => Task.Run(async () =>
        {
            try
            {
                await Staffing.SendAsync<EscalationView>(App.Services, who, new ApproveEscalation.Command(pending.Id));
                return (Exception?)null;
            }
            catch (Exception ex) when (ex is DomainRuleException or ConcurrencyConflictException)
            {
                return ex;
            }
        })));

        attempts.Count(a => a is null).ShouldBe(1);
        var refused = attempts.Single(a => a is not null).ShouldBeOfType<DomainRuleException>();
        refused.Code.ShouldBe("escalation.already_decided");
        refused.Message.ShouldContain("already approved by");
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == pending.Id.ToString() && a.Action == "escalation.approved"))).ShouldBe(1);
    }

    [Fact]
    public async Task The_supervisor_dashboard_counts_pending_escalation_requests_with_kind_and_age_as_the_approvals_badge_does()
    {
        var id = await OpenAsync(subject: "Dashboard escalation");
        var before = await SendAs<HelpDesk.Application.Reports.SupervisorDashboard.Result>(Demo.Supervisor, new HelpDesk.Application.Reports.SupervisorDashboard.Query());

        var request = (await EscalateAsync(Demo.Agent1, id, "Supervisor", "Wants a manager")).Request;

        var after = await SendAs<HelpDesk.Application.Reports.SupervisorDashboard.Result>(Demo.Supervisor, new HelpDesk.Application.Reports.SupervisorDashboard.Query());
        after.Approvals.EscalationRequests.ShouldBe(before.Approvals.EscalationRequests + 1);
        after.Approvals.CreditRequests.ShouldBe(before.Approvals.CreditRequests);
        after.Approvals.Count.ShouldBe(after.Approvals.CreditRequests + after.Approvals.EscalationRequests);
        after.Approvals.Count.ShouldBe(await SendAs<int>(Demo.Supervisor, new CountPendingApprovals.Query()));
        var row = after.Approvals.Oldest.Where(r => r.RequestId == request.Id).ShouldHaveSingleItem();
        row.Kind.ShouldBe(HelpDesk.Application.Reports.SupervisorDashboard.ApprovalKind.Escalation);
        (row.FromTier, row.ToTier, row.Amount).ShouldBe((AgentTier.Tier1, AgentTier.Supervisor, (decimal?)null));
        row.RequestedAt.ShouldBe(request.RequestedAt, TimeSpan.FromMilliseconds(1));
        after.Approvals.OldestRequestedAt!.Value.ShouldBeLessThanOrEqualTo(request.RequestedAt.AddMilliseconds(1));
        after.Approvals.Oldest.Select(r => r.RequestedAt).ShouldBeInOrder();

        await SendAs<EscalationView>(Demo.Supervisor, new ApproveEscalation.Command(request.Id));
        var decided = await SendAs<HelpDesk.Application.Reports.SupervisorDashboard.Result>(Demo.Supervisor, new HelpDesk.Application.Reports.SupervisorDashboard.Query());
        decided.Approvals.EscalationRequests.ShouldBe(before.Approvals.EscalationRequests);
        decided.Approvals.Oldest.ShouldNotContain(r => r.RequestId == request.Id);
    }

    [Fact]
    public async Task A_second_pending_request_for_the_same_case_is_refused()
    {
        var id = await OpenAsync();
        await EscalateAsync(Demo.Agent1, id, "Supervisor");

        (await Should.ThrowAsync<DomainRuleException>(() => EscalateAsync(Demo.Agent1, id, "Supervisor"))).Code.ShouldBe("escalation.already_pending");
    }

    [Fact]
    public async Task The_pending_list_is_oldest_first_with_case_context_and_only_for_supervisors()
    {
        var first = await OpenAsync(subject: "First to ask");
        var second = await OpenAsync(Demo.Bob, subject: "Second to ask");
        var a = (await EscalateAsync(Demo.Agent1, first, "Supervisor")).Request;
        var b = (await EscalateAsync(Demo.Agent1, second, "Supervisor")).Request;

        var inbox = await SendAs<IReadOnlyList<ListPendingEscalations.PendingEscalation>>(Demo.Supervisor, new ListPendingEscalations.Query());

        var mine = inbox.Where(p => p.Id == a.Id || p.Id == b.Id).ToList();
        mine.Select(p => p.Id).ShouldBe([a.Id, b.Id]);
        mine[0].CaseSubject.ShouldBe("First to ask");
        mine[0].CaseNumber.ShouldStartWith("HD-");
        mine[1].SubscriberName.ShouldStartWith("Bob");
        mine.ShouldAllBe(p => p.MayDecide);
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<ListPendingEscalations.PendingEscalation>>(Demo.Agent3, new ListPendingEscalations.Query()));
    }

    [Fact]
    public async Task Agents_escalate_only_cases_they_may_see_subscribers_only_their_own_and_forged_ids_are_not_found()
    {
        var sensitive = await OpenAsync(category: "Legal", subject: "Court order");
        var bobs = await OpenAsync(Demo.Bob);

        await Should.ThrowAsync<NotFoundException>(() => EscalateAsync(Demo.Agent1, sensitive, "Supervisor"));
        await Should.ThrowAsync<NotFoundException>(() => EscalateAsync(Demo.Agent1, Guid.NewGuid(), "Tier2"));
        await Should.ThrowAsync<ForbiddenException>(() => EscalateAsync(Demo.Alice, bobs, "Tier2"));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(bobs, "Let me in")));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(Guid.NewGuid(), "Forged")));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<IReadOnlyList<EscalationView>>(Demo.Alice, new GetCaseEscalations.Query(bobs)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<EscalationView>(Demo.Agent1, new AskForSupervisor.Command(bobs, "Agents cannot")));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<EscalationView>(Demo.Supervisor, new ApproveEscalation.Command(Guid.NewGuid())));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<EscalationView>(Demo.Agent3, new ApproveEscalation.Command(Guid.NewGuid())));
        (await CaseAsync(bobs)).Tier.ShouldBe(AgentTier.Tier1);
    }

    [Fact]
    public async Task A_subscriber_asking_for_a_supervisor_moves_the_case_at_once_notifies_supervisors_and_sees_when_to_expect_an_answer()
    {
        var id = await OpenAsync();
        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(id, await AgentIdAsync(Demo.Agent1)));
        var before = DateTimeOffset.UtcNow;

        var asked = await SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(id, "The agent keeps closing my case"));

        asked.Kind.ShouldBe(EscalationKind.SubscriberAskedForSupervisor);
        asked.Status.ShouldBe(EscalationStatus.Pending);
        asked.AnswerDueAt.ShouldNotBeNull().ShouldBeInRange(before.AddHours(4).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(4).AddMinutes(1));
        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Supervisor);
        @case.Queue.ShouldBe("Supervisor");
        @case.AssigneeId.ShouldBeNull();
        @case.ResponseDueAt.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(asked.AnswerDueAt.Value);
        var supervisor = await AgentIdAsync(Demo.Supervisor);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == supervisor && n.Kind == "escalation.subscriber_asked");
        (await AuditAsync(id)).ShouldContain(a => a.Action == "escalation.subscriber_asked");
        var seen = await SendAs<IReadOnlyList<EscalationView>>(Demo.Alice, new GetCaseEscalations.Query(id));
        seen.ShouldHaveSingleItem().AnswerDueAt.ShouldBe(asked.AnswerDueAt);

        // Asking twice lands once.
        (await SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(id, "Again"))).Id.ShouldBe(asked.Id);
        var queue = await WithDb(db => db.Cases.AsNoTracking().Where(c => c.Queue == "Supervisor").Select(c => c.Id).ToListAsync());
        queue.ShouldContain(id);
    }

    [Fact]
    public async Task The_subscriber_sees_the_supervisors_answer_to_their_request()
    {
        var id = await OpenAsync();
        var asked = await SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(id, "Please"));

        await SendAs<EscalationView>(Demo.Supervisor, new ApproveEscalation.Command(asked.Id, "I will call you today"));

        var seen = (await SendAs<IReadOnlyList<EscalationView>>(Demo.Alice, new GetCaseEscalations.Query(id))).ShouldHaveSingleItem();
        seen.Status.ShouldBe(EscalationStatus.Approved);
        seen.DecisionComment.ShouldBe("I will call you today");
        (await CaseAsync(id)).AssigneeId.ShouldBe(await AgentIdAsync(Demo.Supervisor));
    }

    [Theory]
    [InlineData("ChildSafety")]
    [InlineData("AccountTakeover")]
    [InlineData("Harassment")]
    [InlineData("Legal")]
    public async Task A_sensitive_case_never_lands_in_tier1_is_urgent_names_its_rule_and_supervisors_are_told(string category)
    {
        var id = await OpenAsync(category: category);

        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Tier3);
        @case.Queue.ShouldNotEndWith("Tier1");
        @case.Priority.ShouldBe(CasePriority.Urgent);
        (await TimelineAsync(id)).ShouldContain(i => i.Body.Contains("Rule \"sensitive-category\""));
        (await AuditAsync(id)).ShouldContain(a => a.Action == "case.escalated" && a.Data!.Contains("sensitive-category"));
        var supervisor = await AgentIdAsync(Demo.Supervisor);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == supervisor && n.Kind == "case.sensitive");
        (await SendAs<IReadOnlyList<EscalationView>>(Demo.Agent3, new GetCaseEscalations.Query(id))).ShouldHaveSingleItem().Rule.ShouldBe("sensitive-category");
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id)));
    }

    [Fact]
    public async Task Changing_to_a_sensitive_category_moves_the_case_to_tier3_and_records_the_rule()
    {
        var id = await OpenAsync();

        await SendAs<CaseState>(Demo.Agent1, new ChangeCaseCategory.Command(id, "Harassment"));

        var @case = await CaseAsync(id);
        @case.Tier.ShouldBe(AgentTier.Tier3);
        @case.Priority.ShouldBe(CasePriority.Urgent);
        (await TimelineAsync(id)).ShouldContain(i => i.Body.Contains("Rule \"sensitive-category\""));
        (await SendAs<IReadOnlyList<EscalationView>>(Demo.Agent3, new GetCaseEscalations.Query(id)))
            .ShouldHaveSingleItem().FromTier.ShouldBe(AgentTier.Tier1);
    }

    [Fact]
    public async Task A_case_reopened_more_than_twice_moves_up_one_tier_naming_the_rule()
    {
        var id = await OpenAsync();
        for (var i = 1; i <= 3; i++)
        {
            await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(id));
            await SendAs<TimelineEntry>(Demo.Alice, new AddMessage.Command(id, $"Still broken ({i})"));
            (await CaseAsync(id)).Tier.ShouldBe(i <= 2 ? AgentTier.Tier1 : AgentTier.Tier2);
        }

        (await CaseAsync(id)).ReopenCount.ShouldBe(3);
        (await TimelineAsync(id)).ShouldContain(i => i.Body.Contains("Rule \"reopened\""));
        (await AuditAsync(id)).ShouldContain(a => a.Action == "case.escalated" && a.Data!.Contains("reopened"));
    }
}
