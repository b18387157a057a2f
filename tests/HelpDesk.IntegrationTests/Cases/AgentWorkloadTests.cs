using HelpDesk.Application.Cases;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.IntegrationTests.Cases;

/// <summary>
/// The database keeps each agent's active cases (<see cref="AgentWorkload"/>, ADR 0135) through triggers on <c>cases</c>.
/// Every check compares the kept numbers with a count of the cases themselves, using the application's own list of
/// statuses that count against capacity, so the triggers and <see cref="AgentWorkload.ActiveStatuses"/> cannot drift apart.
/// </summary>
public sealed class AgentWorkloadTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<Guid> AgentId(string email) => WithDb(db => db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    private Task<int> Sql(FormattableString sql) => WithDb(db => db.Database.ExecuteSqlInterpolatedAsync(sql));

    /// <summary>The kept numbers (agents at zero left out) and the count of the cases, side by side.</summary>
    private async Task ShouldMatchTheCases(string step)
    {
        var counted = await WithDb(db => db.Cases.AsNoTracking()
            .Where(c => c.AssigneeId != null && AgentWorkload.ActiveStatuses.Contains(c.Status))
            .GroupBy(c => c.AssigneeId!.Value)
            .Select(g => new { Agent = g.Key, Count = g.Count() })
            .ToListAsync());
        var kept = await WithDb(db => db.AgentWorkloads.Where(w => w.ActiveCases != 0).Select(w => new { Agent = w.AgentId, Count = w.ActiveCases }).ToListAsync());
        kept.OrderBy(k => k.Agent).ShouldBe(counted.OrderBy(c => c.Agent), $"after {step}");
    }

    private Task<int> Kept(Guid agent) =>
        WithDb(db => db.AgentWorkloads.Where(w => w.AgentId == agent).Select(w => w.ActiveCases).FirstOrDefaultAsync());

    private async Task<Guid> InsertCopy(Guid template, Guid? assignee, CaseStatus status)
    {
        var id = Guid.NewGuid();
        var name = status.ToString();
        await Sql($"""
            INSERT INTO cases (id, number, subscriber_id, channel, subject, category, priority, status, tier, queue, created_at, updated_at,
                language, reopen_count, response_sla, resolution_sla, sla_paused_for, assignee_id)
            SELECT {id}, nextval('case_number_seq'), c.subscriber_id, c.channel, c.subject, c.category, c.priority, {name}, c.tier,
                c.queue, c.created_at, c.updated_at, c.language, 0, c.response_sla, c.resolution_sla, c.sla_paused_for, {assignee}
            FROM cases c WHERE c.id = {template}
            """);
        return id;
    }

    [Fact]
    public async Task The_count_follows_every_status_handover_insert_and_delete_whatever_statement_makes_it()
    {
        var template = (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Counting", "Playback", "Buffering."))).Id;
        var (sam, priya) = (await AgentId(Demo.Agent1), await AgentId(Demo.Agent2));
        await ShouldMatchTheCases("the demo data");

        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var samBefore = await Kept(sam);
            var id = await InsertCopy(template, sam, status);
            (await Kept(sam)).ShouldBe(samBefore + (AgentWorkload.CountsAgainstCapacity(status) ? 1 : 0), $"a {status} case inserted for Sam");
            await ShouldMatchTheCases($"inserting a {status} case");

            foreach (var next in Enum.GetValues<CaseStatus>())
            {
                var nextName = next.ToString();
                await Sql($"UPDATE cases SET status = {nextName} WHERE id = {id}");
                (await Kept(sam)).ShouldBe(samBefore + (AgentWorkload.CountsAgainstCapacity(next) ? 1 : 0), $"{status} → {next}");
                await ShouldMatchTheCases($"{status} → {next}");
            }

            var name = status.ToString();
            await Sql($"UPDATE cases SET status = {name}, assignee_id = {priya} WHERE id = {id}");
            await ShouldMatchTheCases($"a {status} case handed to Priya");
            (await Kept(sam)).ShouldBe(samBefore);
            await Sql($"UPDATE cases SET assignee_id = NULL WHERE id = {id}");
            await ShouldMatchTheCases($"a {status} case back to the queue");
            await Sql($"UPDATE cases SET assignee_id = {sam}, subject = 'moved and renamed' WHERE id = {id}");
            await ShouldMatchTheCases($"a {status} case given to Sam with another change");
            await Sql($"DELETE FROM cases WHERE id = {id}");
            (await Kept(sam)).ShouldBe(samBefore, $"a {status} case deleted");
            await ShouldMatchTheCases($"deleting a {status} case");
        }

        // Many rows in one statement: all of Sam's active cases to Priya and back.
        await InsertCopy(template, sam, CaseStatus.Open);
        await InsertCopy(template, sam, CaseStatus.PendingInternal);
        await InsertCopy(template, sam, CaseStatus.PendingSubscriber);
        await Sql($"UPDATE cases SET assignee_id = {priya} WHERE assignee_id = {sam}");
        (await Kept(sam)).ShouldBe(0);
        await ShouldMatchTheCases("one statement handing Sam's cases to Priya");
    }

    [Fact]
    public async Task The_commands_that_assign_park_resolve_and_merge_cases_move_the_count()
    {
        var priya = await AgentId(Demo.Agent2);
        var first = (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("My TV app freezes", "Playback", "It freezes."))).Id;
        var second = (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Still freezing", "Playback", "Same again."))).Id;
        var before = await Kept(priya);

        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(first, priya));
        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(second, priya));
        (await Kept(priya)).ShouldBe(before + 2);
        await ShouldMatchTheCases("two cases assigned");

        await SendAs<CaseState>(Demo.Agent2, new ChangeCaseStatus.Command(first, nameof(CaseStatus.PendingSubscriber)));
        (await Kept(priya)).ShouldBe(before + 1, "a case waiting for the subscriber does not count");
        await SendAs<CaseState>(Demo.Agent2, new ChangeCaseStatus.Command(first, nameof(CaseStatus.Open)));
        (await Kept(priya)).ShouldBe(before + 2);

        await SendAs<ResolveCase.Result>(Demo.Agent2, new ResolveCase.Command(first));
        (await Kept(priya)).ShouldBe(before + 1);
        await ShouldMatchTheCases("a case resolved");

        var survivor = await WithDb(db => db.Cases.Where(c => c.Id == first).Select(c => c.Number).SingleAsync());
        await SendAs<MergeCases.Result>(Demo.Agent2, new MergeCases.Command(second, CaseNumber.Format(survivor)));
        (await Kept(priya)).ShouldBe(before + 1, "the merged case is closed and the resolved case it went into reopens");
        await ShouldMatchTheCases("a case merged into a resolved one");

        await SendAs<CaseState>(Demo.Agent1, new AssignCase.Command(first, null, "Priya is off sick today"));
        (await Kept(priya)).ShouldBe(before);
        await ShouldMatchTheCases("a case back to the queue");
    }

    [Fact]
    public async Task The_recount_repairs_the_table_and_emptying_the_cases_empties_it()
    {
        var template = (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Repair", "Playback", "Buffering."))).Id;
        var sam = await AgentId(Demo.Agent1);
        await InsertCopy(template, sam, CaseStatus.Open);
        await InsertCopy(template, sam, CaseStatus.New);

        await Sql($"UPDATE agent_workloads SET active_cases = active_cases + 40");
        await Sql($"DELETE FROM agent_workloads WHERE agent_id = {sam}");
        await WithDb(db => db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\" FROM (SELECT helpdesk_recount_agent_workloads()) r").ToListAsync());
        (await Kept(sam)).ShouldBeGreaterThanOrEqualTo(2);
        await ShouldMatchTheCases("the recount");

        var left = await WithDb(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // The ledger refuses truncation (its own guard); this transaction is rolled back.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE credit_entries DISABLE TRIGGER credit_entries_no_truncate; TRUNCATE cases CASCADE");
            var rows = await db.AgentWorkloads.CountAsync();
            await transaction.RollbackAsync();
            return rows;
        }));
        left.ShouldBe(0);
        await ShouldMatchTheCases("the truncation rolled back");
    }

    [Fact]
    public async Task Handovers_in_opposite_directions_at_once_leave_the_counts_right()
    {
        var queue = await Staffing.QueueAsync(App.Services);
        var ids = await Staffing.CasesAsync(App.Services, queue, 24);
        var ada = (await Staffing.AgentAsync(App.Services, "Ada", AgentTier.Tier1, capacity: Agent.MaxCapacity)).AgentId!.Value;
        var bea = (await Staffing.AgentAsync(App.Services, "Bea", AgentTier.Tier1, capacity: Agent.MaxCapacity)).AgentId!.Value;
        var supervisor = await Demo.IdentityAsync(App.Services, Demo.Supervisor);
        Task Give(IEnumerable<Guid> cases, Guid to) => Task.Run(async () =>
        {
            foreach (var id in cases)
            {
                await Staffing.SendAsync<CaseState>(App.Services, supervisor, new AssignCase.Command(id, to, "Rebalancing the team's load"));
            }
        });

        var (withAda, withBea) = (ids.Take(12).ToList(), ids.Skip(12).ToList());
        await Give(withAda, ada);
        await Give(withBea, bea);
        for (var round = 1; round <= 4; round++)
        {
            // Each handover lowers one agent's row and raises the other's, and the two tasks take the rows in opposite
            // orders: the counts must come out right whichever commits first (should PostgreSQL abort one as a deadlock,
            // the command layer runs it again: the test below).
            await Task.WhenAll(Give(withAda, bea), Give(withBea, ada));
            (withAda, withBea) = (withBea, withAda);
            ((await Kept(ada)), (await Kept(bea))).ShouldBe((12, 12), $"after round {round}");
            await ShouldMatchTheCases($"round {round} of handovers");
        }
    }

    [Fact]
    public void Npgsql_calls_a_deadlock_transient_so_the_command_layer_runs_the_command_again()
    {
        // Two commands handing cases between the same two agents in opposite directions can deadlock on their counter rows;
        // PostgreSQL aborts one, and the retrying execution strategy (ADR 0110) runs it again only if Npgsql calls it transient.
        new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected).IsTransient.ShouldBeTrue();
    }
}
