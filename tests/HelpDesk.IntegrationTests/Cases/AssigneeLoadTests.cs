using HelpDesk.Application.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Cases;

/// <summary>
/// The assignee pickers (the case page's workspace and <see cref="ListAssignees"/>) say how busy each agent is, from the
/// numbers the database keeps per agent (ADR 0135): exact however many cases an agent holds, without counting them on every
/// case page (issue 17). An earlier version counted up to a hundred and showed "100+".
/// </summary>
public sealed class AssigneeLoadTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<Guid> AgentId(string email) => WithDb(db => db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    /// <summary>Copies <paramref name="template"/> <paramref name="count"/> times as open cases held by <paramref name="agent"/>.</summary>
    private Task<int> GiveCopies(Guid template, Guid agent, int count) => WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"""
        INSERT INTO cases (id, number, subscriber_id, channel, subject, category, priority, status, tier, queue, created_at, updated_at,
            language, reopen_count, response_sla, resolution_sla, sla_paused_for, assignee_id)
        SELECT gen_random_uuid(), nextval('case_number_seq'), c.subscriber_id, c.channel, c.subject, c.category, c.priority, 'Open', c.tier,
            c.queue, c.created_at, c.updated_at, c.language, 0, c.response_sla, c.resolution_sla, c.sla_paused_for, {agent}
        FROM cases c CROSS JOIN generate_series(1, {count}) WHERE c.id = {template}
        """));

    [Fact]
    public async Task An_overloaded_agents_active_cases_and_a_normal_load_are_shown_exactly()
    {
        var target = (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Who takes this?", "Playback", "Buffering."))).Id;
        var (sam, priya) = (await AgentId(Demo.Agent1), await AgentId(Demo.Agent2));
        // The demo data gives Sam a case or two already.
        var before = await SendAs<IReadOnlyList<ListAssignees.Option>>(Demo.Agent2, new ListAssignees.Query(target));
        var (samBefore, priyaBefore) = (before.Single(o => o.Id == sam).ActiveCases, before.Single(o => o.Id == priya).ActiveCases);
        await GiveCopies(target, sam, 3);
        await GiveCopies(target, priya, 125);

        var listed = await SendAs<IReadOnlyList<ListAssignees.Option>>(Demo.Agent2, new ListAssignees.Query(target));
        var workspace = await SendAs<CaseWorkspace>(Demo.Agent2, new GetCaseWorkspace.Query(target));

        foreach (var options in new[] { listed, workspace.Assignees })
        {
            var samOption = options.Single(o => o.Id == sam);
            (samOption.ActiveCases, samOption.AtCapacity).ShouldBe((samBefore + 3, false));
            var priyaOption = options.Single(o => o.Id == priya);
            (priyaOption.ActiveCases, priyaOption.AtCapacity).ShouldBe((125 + priyaBefore, true));
        }
    }
}
