using HelpDesk.Application.Cases;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Queues;

/// <summary>
/// Routing rules, queues and SLA policies are cached per node and checked against the database's version row on each
/// request (ADR 0120): a change made anywhere — not only through the admin pages — applies to the very next case.
/// </summary>
public sealed class ReferenceDataTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<OpenCase.Result> Open(string subject) =>
        SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command(subject, "Devices", "The app closes on start."));

    [Fact]
    public async Task A_queue_and_routing_rule_written_straight_to_the_database_route_the_next_case()
    {
        (await Open("Before the rule")).Queue.ShouldBe("Portal-Tier1", "the cached rules are loaded by this first case");
        var queue = $"Devices-{Guid.NewGuid():N}"[..20];
        await WithDb(async db =>
        {
            db.Queues.Add(WorkQueue.Create(queue, AgentTier.Tier2, "Devices specialists", 500));
            db.RoutingRules.Add(RoutingRule.Create(1, "Portal devices to the specialists", queue, Channel.Portal, CaseCategory.Devices));
            return await db.SaveChangesAsync();
        });

        var after = await Open("After the rule");

        after.Queue.ShouldBe(queue);
        (await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == after.Id))).Tier.ShouldBe(AgentTier.Tier2);
    }

    [Fact]
    public async Task An_sla_target_changed_in_sql_sets_the_deadlines_of_the_next_case()
    {
        var before = await Open("Before the SLA change");
        var version = await Version();
        await WithDb(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE sla_policies SET first_response = interval '123 days', hours = '[]'::jsonb, holidays = ARRAY[]::date[] WHERE priority = 'Normal'"));
        (await Version()).ShouldBeGreaterThan(version, "the trigger gives every change a new version");

        var after = await Open("After the SLA change");

        var (opened, due) = await WithDb(async db =>
        {
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == after.Id);
            return (c.CreatedAt, c.ResponseDueAt);
        });
        due.ShouldNotBeNull().ShouldBe(opened.AddDays(123), TimeSpan.FromSeconds(1));
        (await WithDb(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == before.Id))).ResponseDueAt.ShouldNotBe(due);
    }

    [Fact]
    public async Task The_queue_picker_lists_a_queue_holding_active_cases_after_it_was_removed_from_the_configuration()
    {
        var queue = await Staffing.QueueAsync(App.Services);
        await Staffing.CasesAsync(App.Services, queue, 2);
        // The queue's row goes (an admin renamed it in SQL), its cases stay.
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET queue = {queue + "-old"} WHERE queue = {queue}"));

        var names = (await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(Demo.Agent1, new ListQueues.Query(WithCounts: false))).Select(q => q.Name).ToList();
        var supervisor = (await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(Demo.Supervisor, new ListQueues.Query(WithCounts: false))).ToList();

        names.ShouldContain(queue + "-old");
        names.ShouldContain("Portal-Tier1");
        supervisor.Single(q => q.Name == queue + "-old").Tier.ShouldBe(AgentTier.Tier1);
        names.Distinct().Count().ShouldBe(names.Count);
    }

    private Task<long> Version() =>
        WithDb(db => db.Database.SqlQueryRaw<long>("SELECT version AS \"Value\" FROM reference_data_version").SingleAsync());
}
