using System.Collections.Concurrent;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Application.Queues.ClaimNextCase;

namespace HelpDesk.IntegrationTests.Queues;

public sealed class ClaimNextCaseTests(ClaimApp app) : IClassFixture<ClaimApp>
{
    private Task<Result> Claim(TestIdentity agent, string queue) => Staffing.SendAsync<Result>(app.Services, agent, new Command(queue));

    private async Task<T> WithDb<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    [Fact]
    public async Task Claiming_next_case_never_hands_the_same_case_to_two_agents()
    {
        const int caseCount = 1000;
        var queue = await Staffing.QueueAsync(app.Services);
        var ids = await Staffing.CasesAsync(app.Services, queue, caseCount);
        // Urgency spread over the queue (some without any deadline), so order is observable per agent.
        await WithDb(db => db.Database.ExecuteSqlAsync($"""
            UPDATE cases SET attention_at = CASE WHEN number % 10 = 0 THEN NULL ELSE now() + (((number * 7919) % 1000) * interval '1 minute') END
            WHERE queue = {queue}
            """));
        // Eight agents fill up at 5 cases; the other 24 can hold the rest (24 x 50 > 1000).
        var agents = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Staffing.AgentAsync(app.Services, $"Racer{i}", AgentTier.Tier1, capacity: i < 8 ? 5 : Agent.MaxCapacity)));
        var capacity = agents.ToDictionary(a => a.AgentId!.Value, (a) => Array.IndexOf(agents, a) < 8 ? 5 : Agent.MaxCapacity);

        var claims = new ConcurrentBag<(Guid Agent, int Sequence, Guid Case)>();
        var lastOutcome = new ConcurrentDictionary<Guid, Result>();
        await Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            for (var sequence = 0; ; sequence++)
            {
                var result = await Claim(agent, queue);
                if (!result.Claimed)
                {
                    lastOutcome[agent.AgentId!.Value] = result;
                    return;
                }

                claims.Add((agent.AgentId!.Value, sequence, result.Case!.Id));
            }
        })));

        // Every case handed out exactly once, and only to the agent the database says holds it.
        claims.Count.ShouldBe(caseCount);
        claims.Select(c => c.Case).Distinct().Count().ShouldBe(caseCount);
        claims.Select(c => c.Case).ToHashSet().SetEquals(ids).ShouldBeTrue();
        var stored = await WithDb(db => db.Cases.AsNoTracking().Where(c => c.Queue == queue)
            .Select(c => new { c.Id, c.AssigneeId, c.Status, c.AttentionAt, c.CreatedAt }).ToListAsync());
        stored.ShouldAllBe(c => c.AssigneeId != null && c.Status == CaseStatus.Open);
        var holder = stored.ToDictionary(c => c.Id, c => c.AssigneeId!.Value);
        claims.ShouldAllBe(c => holder[c.Case] == c.Agent);

        // Nobody over capacity; the small agents filled up and were told so, the rest emptied the queue.
        foreach (var agent in agents)
        {
            var id = agent.AgentId!.Value;
            var held = claims.Count(c => c.Agent == id);
            held.ShouldBeLessThanOrEqualTo(capacity[id]);
            var outcome = lastOutcome[id];
            if (capacity[id] == 5)
            {
                held.ShouldBe(5);
                outcome.Outcome.ShouldBe(Outcome.AtCapacity);
                outcome.Message.ShouldContain("5/5");
            }
            else
            {
                outcome.Outcome.ShouldBeOneOf(Outcome.QueueEmpty, Outcome.AtCapacity);
                (outcome.Outcome == Outcome.AtCapacity).ShouldBe(held == capacity[id]);
            }
        }

        // The active cases the database keeps per agent (ADR 0135; the capacity check reads them) are the claims each made.
        var agentIds = capacity.Keys.ToList();
        var kept = await WithDb(db => db.AgentWorkloads.Where(w => agentIds.Contains(w.AgentId)).ToDictionaryAsync(w => w.AgentId, w => w.ActiveCases));
        agents.ShouldAllBe(a => kept.GetValueOrDefault(a.AgentId!.Value) == claims.Count(c => c.Agent == a.AgentId));

        // Each agent's successive claims never jump ahead of a more urgent case (earliest attention first, no deadline last).
        var urgency = stored.ToDictionary(c => c.Id, c => (c.AttentionAt ?? DateTimeOffset.MaxValue, c.CreatedAt));
        foreach (var mine in claims.GroupBy(c => c.Agent))
        {
            mine.OrderBy(c => c.Sequence).Select(c => urgency[c.Case]).ShouldBeInOrder(SortDirection.Ascending);
        }

        (await WithDb(db => db.AuditEvents.CountAsync(a => a.Action == "case.claimed" && ids.Contains(a.CaseId!.Value)))).ShouldBe(caseCount);
        app.Published.Cases.Where(c => c.Queue == queue).Select(c => c.CaseId).Distinct().Count().ShouldBe(caseCount);
    }

    [Fact]
    public async Task One_agent_gets_the_most_urgent_case_first_and_cases_without_deadlines_last()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        var ids = await Staffing.CasesAsync(app.Services, queue, 5);
        var now = DateTimeOffset.UtcNow;
        DateTimeOffset?[] attention = [null, now.AddHours(3), now.AddHours(1), null, now.AddHours(2)];
        for (var i = 0; i < ids.Count; i++)
        {
            var (id, at) = (ids[i], attention[i]);
            await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET attention_at = {at} WHERE id = {id}"));
        }

        var agent = await Staffing.AgentAsync(app.Services, "Ordered", AgentTier.Tier1, capacity: 10);

        var order = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            order.Add((await Claim(agent, queue)).Case!.Id);
        }

        order.ShouldBe([ids[2], ids[4], ids[1], ids[0], ids[3]]);
        var empty = await Claim(agent, queue);
        empty.Outcome.ShouldBe(Outcome.QueueEmpty);
        empty.Message.ShouldBe($"No unassigned cases are waiting in {queue}.");
        empty.ActiveCases.ShouldBe(5);
    }

    [Fact]
    public async Task A_claim_moves_a_new_case_to_open_and_audits_who_took_it()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        var id = (await Staffing.CasesAsync(app.Services, queue, 1)).Single();
        var agent = await Staffing.AgentAsync(app.Services, "Auditor", AgentTier.Tier1);

        var result = await Claim(agent, queue);

        result.Outcome.ShouldBe(Outcome.Claimed);
        result.Case!.Id.ShouldBe(id);
        result.Case.Number.ShouldMatch(@"^HD-\d{6}$");
        result.Case.Status.ShouldBe(CaseStatus.Open);
        result.Message.ShouldBe($"You took case {result.Case.Number}: Queue test case 0");
        var audit = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.CaseId == id && a.Action == "case.claimed"));
        audit.ActorUserId.ShouldBe(agent.UserId);
        AuditJson.Change(audit.Data, "assignee").ShouldBe((null, "Auditor Test"));
        AuditJson.Change(audit.Data, "status").ShouldBe(("New", "Open"));
        audit.ActorName.ShouldBe(agent.Name);
        audit.EntityType.ShouldBe("case");
        audit.EntityId.ShouldBe(id.ToString());
        app.Published.Cases.ShouldContain(new HelpDesk.Application.Common.Abstractions.CaseChange(id, queue));

        // A case already open (handed back unassigned) keeps its status: the audit row names the assignee only.
        var reopened = (await Staffing.CasesAsync(app.Services, queue, 1)).Single();
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET status = 'Open' WHERE id = {reopened}"));
        var second = await Claim(agent, queue);
        second.Case!.Id.ShouldBe(reopened);
        second.Case.Status.ShouldBe(CaseStatus.Open);
        second.ActiveCases.ShouldBe(2);
        var kept = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.CaseId == reopened && a.Action == "case.claimed"));
        AuditJson.Change(kept.Data, "assignee").ShouldBe((null, "Auditor Test"));
        System.Text.Json.JsonDocument.Parse(kept.Data!).RootElement.TryGetProperty("status", out _).ShouldBeFalse(kept.Data);
    }

    [Fact]
    public async Task Claims_respect_skills_languages_and_tier_and_say_why_nothing_matched()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        var spanish = (await Staffing.CasesAsync(app.Services, queue, 1, Demo.Bob, CaseCategory.Billing)).Single();
        var otherSkill = (await Staffing.CasesAsync(app.Services, queue, 1, Demo.Alice, CaseCategory.Devices)).Single();
        var tooSenior = (await Staffing.CasesAsync(app.Services, queue, 1, Demo.Alice, CaseCategory.Billing, AgentTier.Tier2)).Single();
        var agent = await Staffing.AgentAsync(app.Services, "Picky", AgentTier.Tier1, skills: [CaseCategory.Billing], languages: ["en"]);

        var nothing = await Claim(agent, queue);

        nothing.Outcome.ShouldBe(Outcome.NothingEligible);
        nothing.Message.ShouldBe($"3 unassigned cases wait in {queue}, but none match your tier, skills and languages.");

        // A regional variant of a language the agent speaks is theirs to take.
        var british = (await Staffing.CasesAsync(app.Services, queue, 1, Demo.Alice, CaseCategory.Billing)).Single();
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET language = 'en-GB' WHERE id = {british}"));
        (await Claim(agent, queue)).Case!.Id.ShouldBe(british);

        // Someone with the skills, the language and the tier takes the rest.
        var senior = await Staffing.AgentAsync(app.Services, "Broad", AgentTier.Tier2, languages: ["en", "es"]);
        var taken = new[] { (await Claim(senior, queue)).Case!.Id, (await Claim(senior, queue)).Case!.Id, (await Claim(senior, queue)).Case!.Id };
        taken.ShouldBe([spanish, otherSkill, tooSenior], ignoreOrder: true);
    }

    [Fact]
    public async Task An_agent_at_capacity_is_told_so_and_cases_waiting_for_the_subscriber_do_not_count()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        await Staffing.CasesAsync(app.Services, queue, 3);
        var agent = await Staffing.AgentAsync(app.Services, "Busy", AgentTier.Tier1, capacity: 1);

        var first = await Claim(agent, queue);
        var second = await Claim(agent, queue);

        first.Claimed.ShouldBeTrue();
        second.Outcome.ShouldBe(Outcome.AtCapacity);
        second.Case.ShouldBeNull();
        second.Message.ShouldStartWith("You are at capacity (1/1 active cases).");
        (await WithDb(db => db.Cases.CountAsync(c => c.Queue == queue && c.AssigneeId == null))).ShouldBe(2);

        await Staffing.SendAsync<CaseState>(app.Services, agent, new ChangeCaseStatus.Command(first.Case!.Id, "PendingSubscriber"));
        (await Claim(agent, queue)).Claimed.ShouldBeTrue();
    }

    [Fact]
    public async Task Queues_above_the_agents_tier_unknown_queues_and_subscribers_are_refused()
    {
        var tier1 = await Staffing.AgentAsync(app.Services, "Junior", AgentTier.Tier1);
        var alice = await Demo.IdentityAsync(app.Services, Demo.Alice);

        var above = await Should.ThrowAsync<ForbiddenException>(() => Claim(tier1, "Tier3"));
        above.Message.ShouldBe("Queue Tier3 is held at Tier3; Tier1 agents cannot take cases from it.");
        (await Should.ThrowAsync<NotFoundException>(() => Claim(tier1, "No-Such-Queue"))).Message.ShouldBe("There is no queue called 'No-Such-Queue'.");
        await Should.ThrowAsync<ForbiddenException>(() => Claim(alice, "Portal-Tier1"));
        (await Should.ThrowAsync<ValidationException>(() => Claim(tier1, ""))).Errors.ShouldContain(e => e.ErrorMessage == "Choose the queue to take a case from.");
    }

    [Fact]
    public async Task Resolved_waiting_merged_and_assigned_cases_are_never_claimed()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        var ids = await Staffing.CasesAsync(app.Services, queue, 4);
        var owner = await Staffing.AgentAsync(app.Services, "Owner", AgentTier.Tier1);
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET status = 'Resolved' WHERE id = {ids[0]}"));
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET status = 'PendingSubscriber' WHERE id = {ids[1]}"));
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET merged_into_id = {ids[3]} WHERE id = {ids[2]}"));
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET assignee_id = {owner.AgentId} WHERE id = {ids[3]}"));
        var agent = await Staffing.AgentAsync(app.Services, "Hopeful", AgentTier.Tier1);

        (await Claim(agent, queue)).Outcome.ShouldBe(Outcome.QueueEmpty);
    }

    [Fact]
    public async Task A_supervisor_can_claim_from_a_tier1_queue()
    {
        var queue = await Staffing.QueueAsync(app.Services);
        var id = (await Staffing.CasesAsync(app.Services, queue, 1)).Single();
        var maria = await Demo.IdentityAsync(app.Services, Demo.Supervisor);

        (await Claim(maria, queue)).Case!.Id.ShouldBe(id);
    }
}
