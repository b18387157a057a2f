using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Cases;

public sealed class CaseActionTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<Guid> Open(string email = Demo.Alice, string subject = "Action test", string category = "Playback") =>
        (await SendAs<OpenCase.Result>(email, new OpenCase.Command(subject, category, "Something is not right."))).Id;

    private Task<Guid> AgentId(string email) => WithDb(async db => (await db.Agents.SingleAsync(a => a.Email == email)).Id);

    private Task<List<AuditEvent>> Audit(Guid caseId, string action) =>
        WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.CaseId == caseId && a.Action == action).OrderBy(a => a.Id).ToListAsync());

    private Task<Case> Stored(Guid id) => WithDb(db => db.Cases.AsNoTracking().Include(c => c.FollowUps).SingleAsync(c => c.Id == id));

    [Fact]
    public async Task Assigning_reassigning_and_unassigning_need_reasons_when_taking_from_someone_and_are_audited()
    {
        var id = await Open();
        var sam = await AgentId(Demo.Agent1);
        var priya = await AgentId(Demo.Agent2);

        var mine = await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(id, sam));
        mine.AssigneeName.ShouldBe("Sam Okafor");
        mine.Status.ShouldBe(CaseStatus.Open);

        var refused = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, priya)));
        var why = refused.Errors.ShouldHaveSingleItem();
        why.ErrorMessage.ShouldBe("Give a reason for taking this case from Sam.");
        why.PropertyName.ShouldBe("Reason");
        (await Stored(id)).AssigneeId.ShouldBe(sam);

        var taken = await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, priya, "Sam is off sick today."));
        taken.AssigneeId.ShouldBe(priya);
        var samsNotes = await WithDb(db => db.Notifications.AsNoTracking().Where(n => n.AgentId == sam && n.CaseId == id).ToListAsync());
        samsNotes.ShouldHaveSingleItem().Kind.ShouldBe("case.unassigned");
        samsNotes[0].Message.ShouldContain("Sam is off sick today.");
        var staffView = await SendAs<CaseDetails>(Demo.Agent2, new GetCase.Query(id));
        staffView.Timeline.ShouldContain(e => e.Visibility == Visibility.Internal && e.Body.Contains("from Sam Okafor to Priya Nair. Reason: Sam is off sick today."));
        (await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id))).Timeline.ShouldNotContain(e => e.Body.Contains("off sick"));

        var noReason = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, null)));
        noReason.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Give a reason for putting this case back in the queue.");
        var back = await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, null, "Needs a Tier 1 device check."));
        back.AssigneeId.ShouldBeNull();

        var assigned = await Audit(id, "case.assigned");
        assigned.Count.ShouldBe(2);
        AuditJson.Change(assigned[0].Data, "assignee").ShouldBe((null, "Sam Okafor"));
        AuditJson.Change(assigned[0].Data, "status").ShouldBe(("New", "Open"));
        AuditJson.Change(assigned[1].Data, "assignee").ShouldBe(("Sam Okafor", "Priya Nair"));
        AuditJson.Change(assigned[1].Data, "reason").ShouldBe((null, "Sam is off sick today."));
        assigned[1].ActorName.ShouldBe(Demo.Agent2);
        AuditJson.Change((await Audit(id, "case.unassigned")).ShouldHaveSingleItem().Data, "assignee").ShouldBe(("Priya Nair", null));
    }

    [Fact]
    public async Task A_case_given_to_someone_else_notifies_them_and_a_repeat_changes_nothing()
    {
        var id = await Open();
        var sam = await AgentId(Demo.Agent1);

        await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, sam));
        await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(id, sam));

        var note = await WithDb(db => db.Notifications.AsNoTracking().SingleAsync(n => n.AgentId == sam && n.CaseId == id));
        note.Kind.ShouldBe("case.assigned");
        note.Message.ShouldStartWith("Priya gave you case HD-");
        (await Audit(id, "case.assigned")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Only_staff_who_can_work_the_case_can_be_given_it()
    {
        var takeover = await Open(Demo.Bob, "Hijacked", "AccountTakeover");
        var spanish = await Open(Demo.Bob, "Subtítulos", "Content");
        var priya = await AgentId(Demo.Agent2);
        var sam = await AgentId(Demo.Agent1);

        var tier = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent3, new AssignCase.Command(takeover, priya)));
        tier.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Priya works at Tier2 and cannot hold a case held at Tier3.");
        var language = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(spanish, sam)));
        var languageError = language.Errors.ShouldHaveSingleItem();
        languageError.ErrorMessage.ShouldBe("Sam does not work in the subscriber's language (es).");
        languageError.PropertyName.ShouldBe("AssigneeId");
        var nobody = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(spanish, Guid.NewGuid())));
        nobody.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldStartWith("There is no member of staff with that id.");

        var options = await SendAs<IReadOnlyList<ListAssignees.Option>>(Demo.Agent3, new ListAssignees.Query(takeover));
        options.Select(o => o.Name).ShouldBe(["Diego Santos", "Maria Rossi"]);
        options.Single(o => o.Name == "Diego Santos").IsYou.ShouldBeTrue();
        (await Stored(takeover)).AssigneeId.ShouldBeNull();
    }

    [Fact]
    public async Task Subscribers_and_lower_tiers_cannot_use_case_actions()
    {
        var alices = await Open();
        var takeover = await Open(Demo.Bob, "Stolen", "AccountTakeover");
        var sam = await AgentId(Demo.Agent1);

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CaseState>(Demo.Alice, new AssignCase.Command(alices, sam)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CaseState>(Demo.Alice, new ChangeCaseStatus.Command(alices, "Resolved")));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CaseState>(Demo.Bob, new ChangeCasePriority.Command(alices, "Urgent")));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<FollowUpView>(Demo.Alice, new PromiseFollowUp.Command(alices, DateTimeOffset.UtcNow.AddDays(1))));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(takeover, "PendingInternal")));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<MergeCases.Result>(Demo.Agent1, new MergeCases.Command(takeover, "HD-000001")));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseState>(Demo.Agent3, new ChangeCaseCategory.Command(Guid.NewGuid(), "Billing")));
        (await Audit(alices, "case.status_changed")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Changing_status_follows_the_lifecycle_tells_the_subscriber_and_is_audited()
    {
        var id = await Open();

        var waiting = await SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "PendingSubscriber"));
        waiting.Status.ShouldBe(CaseStatus.PendingSubscriber);
        var alice = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id));
        alice.Stage.ShouldBe(SubscriberStage.WaitingForYou);
        alice.Timeline.ShouldContain(e => e.Body == "Sam (Tier 1 agent) is waiting for your answer.");
        (await Stored(id)).SlaPausedAt.ShouldNotBeNull();

        var illegal = await Should.ThrowAsync<DomainRuleException>(() => SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "Closed")));
        illegal.Code.ShouldBe("case.illegal_transition");
        var back = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "New")));
        back.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A case cannot be moved back to New; choose Open to reopen it.");
        var unknown = await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "Sleeping")));
        unknown.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldStartWith("'Sleeping' is not a status.");

        await SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "Resolved"));
        (await SendAs<CaseState>(Demo.Agent1, new ChangeCaseStatus.Command(id, "Closed"))).Status.ShouldBe(CaseStatus.Closed);

        var audit = await Audit(id, "case.status_changed");
        audit.Select(a => AuditJson.Change(a.Data, "status")).ShouldBe([
            ("New", "PendingSubscriber"),
            ("PendingSubscriber", "Resolved"),
            ("Resolved", "Closed"),
        ]);
    }

    [Fact]
    public async Task Raising_priority_moves_the_deadlines_and_sensitive_cases_stay_urgent()
    {
        var id = await Open();
        var before = await Stored(id);

        var raised = await SendAs<CaseState>(Demo.Agent1, new ChangeCasePriority.Command(id, "Urgent"));

        raised.Priority.ShouldBe(CasePriority.Urgent);
        var after = await Stored(id);
        after.ResponseDueAt.ShouldNotBeNull().ShouldBe(after.CreatedAt.AddHours(1));
        after.ResponseDueAt.ShouldNotBe(before.ResponseDueAt);
        AuditJson.Change((await Audit(id, "case.priority_changed")).ShouldHaveSingleItem().Data, "priority").ShouldBe(("Normal", "Urgent"));

        var legal = await Open(Demo.Bob, "Court order", "Legal");
        var refused = await Should.ThrowAsync<DomainRuleException>(() => SendAs<CaseState>(Demo.Agent3, new ChangeCasePriority.Command(legal, "Low")));
        refused.Message.ShouldBe("Legal request cases stay Urgent.");
        (await Should.ThrowAsync<ValidationException>(() => SendAs<CaseState>(Demo.Agent3, new ChangeCasePriority.Command(legal, "Whenever"))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldStartWith("'Whenever' is not a priority.");
    }

    [Fact]
    public async Task Moving_a_case_into_a_sensitive_category_sends_it_to_tier3_audits_the_move_and_tells_supervisors()
    {
        var id = await Open(Demo.Alice, "Strange messages from another viewer");
        var sam = await AgentId(Demo.Agent1);
        var maria = await AgentId(Demo.Supervisor);
        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(id, sam));

        var plain = await SendAs<CaseState>(Demo.Agent1, new ChangeCaseCategory.Command(id, "Content"));
        plain.Tier.ShouldBe(AgentTier.Tier1);
        (await Audit(id, "case.requeued")).ShouldBeEmpty();

        var moved = await SendAs<CaseState>(Demo.Agent1, new ChangeCaseCategory.Command(id, "Harassment"));

        moved.Tier.ShouldBe(AgentTier.Tier3);
        moved.Queue.ShouldBe("Tier3");
        moved.Priority.ShouldBe(CasePriority.Urgent);
        moved.AssigneeId.ShouldBeNull();
        moved.CanWork.ShouldBeFalse();
        var requeued = (await Audit(id, "case.requeued")).ShouldHaveSingleItem();
        AuditJson.Change(requeued.Data, "tier").ShouldBe(("Tier1", "Tier3"));
        AuditJson.Change(requeued.Data, "queue").ShouldBe(("Portal-Tier1", "Tier3"));
        AuditJson.Change(requeued.Data, "priority").ShouldBe(("Normal", "Urgent"));
        AuditJson.Change(requeued.Data, "assignee").ShouldBe(("Sam Okafor", null));
        (await Audit(id, "case.category_changed")).Select(a => AuditJson.Change(a.Data, "category")).ShouldBe([
            ("Playback", "Content"),
            ("Content", "Harassment"),
        ]);
        var told = await WithDb(db => db.Notifications.AsNoTracking().SingleAsync(n => n.AgentId == maria && n.CaseId == id));
        told.Kind.ShouldBe("case.sensitive");
        told.Message.ShouldContain("it now waits in Tier3 as Urgent");
        await Should.ThrowAsync<NotFoundException>(() => SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id)));
    }

    [Fact]
    public async Task A_follow_up_promise_is_shown_to_the_subscriber_until_it_is_withdrawn()
    {
        var id = await Open();
        var due = DateTimeOffset.UtcNow.AddDays(2);
        due = due.AddTicks(-(due.Ticks % TimeSpan.TicksPerMinute));

        var promise = await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, due.ToOffset(TimeSpan.FromHours(-5)), "I'll check with the TV team."));

        promise.DueAt.ShouldBe(due);
        promise.AgentName.ShouldBe("Sam (Tier 1 agent)");
        var seen = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id));
        var shown = seen.FollowUps.ShouldHaveSingleItem();
        shown.Note.ShouldBe("I'll check with the TV team.");
        shown.DueAt.ShouldBe(due);
        seen.Timeline.ShouldContain(e => e.Body == "Sam (Tier 1 agent) promised to get back to you.");
        var stored = await Stored(id);
        stored.FollowUpDueAt.ShouldBe(due);
        stored.AttentionAt.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(due);
        (await Audit(id, "followup.promised")).ShouldHaveSingleItem();

        var cancelled = await SendAs<FollowUpView>(Demo.Agent1, new CancelFollowUp.Command(id, promise.Id));
        cancelled.Status.ShouldBe(FollowUpStatus.Cancelled);
        (await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id))).FollowUps.ShouldBeEmpty();
        (await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id))).FollowUps.ShouldBeEmpty();
        (await Stored(id)).FollowUps.ShouldHaveSingleItem().Status.ShouldBe(FollowUpStatus.Cancelled);
        (await Stored(id)).FollowUpDueAt.ShouldBeNull();
        (await Audit(id, "followup.cancelled")).ShouldHaveSingleItem();

        var again = await Should.ThrowAsync<DomainRuleException>(() => SendAs<FollowUpView>(Demo.Agent1, new CancelFollowUp.Command(id, promise.Id)));
        again.Message.ShouldBe("That follow-up is already cancelled.");
        await Should.ThrowAsync<DomainRuleException>(() => SendAs<FollowUpView>(Demo.Agent1, new CancelFollowUp.Command(id, Guid.NewGuid())));
    }

    [Fact]
    public async Task A_repeated_follow_up_promise_with_the_same_request_id_is_recorded_once()
    {
        var id = await Open();
        var requestId = Guid.NewGuid();
        var due = DateTimeOffset.UtcNow.AddDays(1);

        var first = await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, due, "Tomorrow", requestId));
        var replay = await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, due, "Tomorrow", requestId));
        replay.Id.ShouldBe(first.Id);

        // A burst of double-clicks racing each other: one promise, the rest replay it or are told it was already sent.
        var burstId = Guid.NewGuid();
        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, due.AddHours(1), "Burst", burstId))).Id;
            }
            catch (ConcurrencyConflictException)
            {
                return (Guid?)null;
            }
        }));
        burst.Where(b => b is not null).Distinct().ShouldHaveSingleItem();
        var stored = await WithDb(db => db.FollowUps.Where(f => f.CaseId == id).CountAsync());
        stored.ShouldBe(2);
    }

    [Fact]
    public async Task Follow_ups_in_the_past_or_too_far_ahead_are_refused()
    {
        var id = await Open();

        var past = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, DateTimeOffset.UtcNow.AddMinutes(-5))));
        past.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("That time has already passed. Choose a time in the future.");
        var far = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, DateTimeOffset.UtcNow.AddDays(120))));
        far.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A follow-up can be promised at most 90 days ahead.");
        var missing = await Should.ThrowAsync<ValidationException>(() => SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(id, default)));
        missing.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("DueAt");
        (await Stored(id)).FollowUps.ShouldBeEmpty();
    }

    [Fact]
    public async Task Merging_moves_the_timeline_and_follow_ups_to_the_surviving_case_and_audits_both()
    {
        var duplicate = await Open(Demo.Alice, "Charged twice (again)", "Billing");
        var survivor = await Open(Demo.Alice, "Charged twice", "Billing");
        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(duplicate, "Looking at the duplicate charge now."));
        await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(duplicate, DateTimeOffset.UtcNow.AddDays(1), "Refund status tomorrow."));
        var survivorNumber = (await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(survivor))).Number;
        var duplicateEntries = await WithDb(db => db.Interactions.CountAsync(i => i.CaseId == duplicate));

        var result = await SendAs<MergeCases.Result>(Demo.Agent1, new MergeCases.Command(duplicate, survivorNumber.ToLowerInvariant()));

        result.SurvivorId.ShouldBe(survivor);
        result.MovedEntries.ShouldBe(duplicateEntries);
        result.MovedFollowUps.ShouldBe(1);
        var combined = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(survivor));
        combined.Timeline.ShouldContain(e => e.Body == "Looking at the duplicate charge now.");
        combined.Timeline.Count(e => e.Body == "Something is not right.").ShouldBe(2);
        combined.Timeline.ShouldContain(e => e.Body == $"Case {result.MergedNumber} was merged into this case by Sam (Tier 1 agent).");
        combined.FollowUps.ShouldHaveSingleItem().Note.ShouldBe("Refund status tomorrow.");
        var closed = await Stored(duplicate);
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.MergedIntoId.ShouldBe(survivor);
        (await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(duplicate))).Timeline
            .ShouldHaveSingleItem().Body.ShouldBe($"Merged into case {survivorNumber}; the conversation continues there.");
        (await Stored(survivor)).FollowUpDueAt.ShouldNotBeNull();
        var mergedAudit = (await Audit(duplicate, "case.merged")).ShouldHaveSingleItem();
        AuditJson.Change(mergedAudit.Data, "merged_into").ShouldBe((null, survivorNumber));
        AuditJson.Change(mergedAudit.Data, "status").ShouldBe(("Open", "Closed"));
        AuditJson.Change((await Audit(survivor, "case.merge_received")).ShouldHaveSingleItem().Data, "merged_from").ShouldBe((null, result.MergedNumber));
    }

    [Fact]
    public async Task Merging_is_refused_across_subscribers_into_itself_or_into_an_unknown_case()
    {
        var alices = await Open(Demo.Alice, "Mine");
        var bobs = await Open(Demo.Bob, "Not yours");
        var alicesNumber = (await SendAs<CaseDetails>(Demo.Agent2, new GetCase.Query(alices))).Number;
        var bobsNumber = (await SendAs<CaseDetails>(Demo.Agent2, new GetCase.Query(bobs))).Number;

        var other = await Should.ThrowAsync<DomainRuleException>(() => SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(alices, bobsNumber)));
        other.Message.ShouldBe("Only cases of the same subscriber can be merged.");
        (await Should.ThrowAsync<ValidationException>(() => SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(alices, alicesNumber))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A case cannot be merged into itself; enter the number of the other case.");
        (await Should.ThrowAsync<ValidationException>(() => SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(alices, "HD-999999"))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("There is no case HD-999999.");
        (await Should.ThrowAsync<ValidationException>(() => SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(alices, "the other one"))))
            .Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("'the other one' is not a case number; case numbers look like HD-000123.");
        (await Stored(alices)).Status.ShouldBe(CaseStatus.New);
        (await Stored(bobs)).MergedIntoId.ShouldBeNull();
    }

    [Fact]
    public async Task Merging_into_a_case_above_the_agents_tier_answers_as_for_a_number_nobody_has()
    {
        var alices = await Open(Demo.Alice, "Mine too");
        var takeover = await Open(Demo.Alice, "Stolen account", "AccountTakeover");
        var takeoverNumber = (await SendAs<CaseDetails>(Demo.Agent3, new GetCase.Query(takeover))).Number;

        var refused = await Should.ThrowAsync<ValidationException>(() => SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(alices, takeoverNumber)));

        refused.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe($"There is no case {takeoverNumber}.");
        (await Stored(alices)).MergedIntoId.ShouldBeNull();
    }
}
