using HelpDesk.Application.Cases;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Agents;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Queues;

public sealed class ListQueuesTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<IReadOnlyList<ListQueues.QueueSummary>> Queues(string email) => SendAs<IReadOnlyList<ListQueues.QueueSummary>>(email, new ListQueues.Query());

    private async Task<Guid> Open() =>
        (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Queue counts", "Billing", "Counting."))).Id;

    private Task<int> Update(Guid id, Action<UpdateSettersBuilder<Case>> set) =>
        WithDb(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(set));

    [Fact]
    public async Task Every_queue_an_agent_can_work_is_listed_even_when_empty_and_none_above_their_tier()
    {
        var sam = await Queues(Demo.Agent1);
        var priya = await Queues(Demo.Agent2);
        var maria = await Queues(Demo.Supervisor);

        sam.Select(q => q.Name).ShouldBe(["Portal-Tier1", "Email-Tier1", "Chat-Tier1", "Callback-Tier1"]);
        sam.ShouldAllBe(q => q.Tier == AgentTier.Tier1 && q.Description.Length > 0);
        var email = sam.Single(q => q.Name == "Email-Tier1");
        (email.Open, email.Unassigned, email.AtRisk, email.Breached, email.OldestCreatedAt).ShouldBe((0, 0, 0, 0, (DateTimeOffset?)null));
        priya.Select(q => q.Name).ShouldContain("Tier2");
        priya.Select(q => q.Name).ShouldNotContain("Tier3");
        priya.Select(q => q.Name).ShouldNotContain("Supervisor");
        maria.Select(q => q.Name).ShouldBe(["Portal-Tier1", "Email-Tier1", "Chat-Tier1", "Callback-Tier1", "Tier2", "Tier3", "Supervisor"]);
    }

    [Fact]
    public async Task A_queue_counts_open_unassigned_oldest_at_risk_and_breached_cases()
    {
        var before = (await Queues(Demo.Agent1)).Single(q => q.Name == "Portal-Tier1");
        var now = DateTimeOffset.UtcNow;
        var (late, warned, promised, old) = (await Open(), await Open(), await Open(), await Open());
        await Update(late, s => s.SetProperty(c => c.ResponseWarnAt, now.AddHours(-2)).SetProperty(c => c.ResponseDueAt, now.AddHours(-1)));
        await Update(warned, s => s.SetProperty(c => c.ResponseWarnAt, now.AddMinutes(-1)).SetProperty(c => c.ResponseDueAt, now.AddHours(1)));
        await Update(promised, s => s.SetProperty(c => c.FollowUpDueAt, now.AddMinutes(-10)));
        var sam = (await Demo.IdentityAsync(App.Services, Demo.Agent1)).AgentId;
        var longAgo = now.AddDays(-400);
        await Update(old, s => s.SetProperty(c => c.AssigneeId, sam).SetProperty(c => c.CreatedAt, longAgo));

        var after = (await Queues(Demo.Agent1)).Single(q => q.Name == "Portal-Tier1");

        after.Open.ShouldBe(before.Open + 4);
        after.Unassigned.ShouldBe(before.Unassigned + 3);
        after.AtRisk.ShouldBe(before.AtRisk + 3);
        after.Breached.ShouldBe(before.Breached + 1);
        after.OldestCreatedAt!.Value.ShouldBe(longAgo, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Resolved_cases_leave_the_queue_counts()
    {
        var before = (await Queues(Demo.Agent1)).Single(q => q.Name == "Portal-Tier1");
        var id = await Open();
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(id));

        var after = (await Queues(Demo.Agent1)).Single(q => q.Name == "Portal-Tier1");

        after.Open.ShouldBe(before.Open);
    }
    [Fact]
    public async Task The_picker_lists_a_queue_no_longer_configured_only_while_it_holds_active_cases_of_a_tier_the_caller_works()
    {
        var (tier1, supervisor) = (await Open(), await Open());
        var retired = $"Retired-{Guid.NewGuid():N}"[..24];
        // Two tiers in one retired queue; "Supervisor" sorts before "Tier1", so a scan that found one tier per queue
        // would miss the Tier 1 case.
        await Update(tier1, s => s.SetProperty(c => c.Queue, retired));
        await Update(supervisor, s => s.SetProperty(c => c.Queue, retired).SetProperty(c => c.Tier, AgentTier.Supervisor));
        var seniorOnly = $"Senior-{Guid.NewGuid():N}"[..24];
        var senior = await Open();
        await Update(senior, s => s.SetProperty(c => c.Queue, seniorOnly).SetProperty(c => c.Tier, AgentTier.Tier2));

        var sam = await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(Demo.Agent1, new ListQueues.Query(WithCounts: false));
        var maria = await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(Demo.Supervisor, new ListQueues.Query(WithCounts: false));

        sam.Single(q => q.Name == retired).Tier.ShouldBe(AgentTier.Tier1);
        sam.Select(q => q.Name).ShouldNotContain(seniorOnly);
        sam.Take(4).Select(q => q.Name).ShouldBe(["Portal-Tier1", "Email-Tier1", "Chat-Tier1", "Callback-Tier1"]);
        maria.Single(q => q.Name == retired).Tier.ShouldBe(AgentTier.Tier1);
        maria.Single(q => q.Name == seniorOnly).Tier.ShouldBe(AgentTier.Tier2);

        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(tier1));
        (await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(Demo.Agent1, new ListQueues.Query(WithCounts: false)))
            .Select(q => q.Name).ShouldNotContain(retired);
    }

    [Fact]
    public async Task The_case_lists_pickers_in_one_statement_are_the_queue_picker_and_the_staff_picker()
    {
        var (tier1, senior) = (await Open(), await Open());
        var retired = $"Retired-{Guid.NewGuid():N}"[..24];
        var seniorOnly = $"Senior-{Guid.NewGuid():N}"[..24];
        await Update(tier1, s => s.SetProperty(c => c.Queue, retired));
        await Update(senior, s => s.SetProperty(c => c.Queue, seniorOnly).SetProperty(c => c.Tier, AgentTier.Tier2));

        foreach (var who in new[] { Demo.Agent1, Demo.Agent2, Demo.Supervisor })
        {
            var filters = await SendAs<ListCaseFilters.Result>(who, new ListCaseFilters.Query());
            var queues = await SendAs<IReadOnlyList<ListQueues.QueueSummary>>(who, new ListQueues.Query(WithCounts: false));
            var agents = await SendAs<IReadOnlyList<HelpDesk.Application.Agents.ListAgents.AgentSummary>>(who, new HelpDesk.Application.Agents.ListAgents.Query());

            filters.QueueNames.ShouldBe(queues.Select(q => q.Name).ToList(), who);
            filters.Agents.ShouldBe(agents, who);
        }

        (await SendAs<ListCaseFilters.Result>(Demo.Agent1, new ListCaseFilters.Query())).QueueNames.ShouldContain(retired);
        (await SendAs<ListCaseFilters.Result>(Demo.Agent1, new ListCaseFilters.Query())).QueueNames.ShouldNotContain(seniorOnly);
        (await SendAs<ListCaseFilters.Result>(Demo.Agent2, new ListCaseFilters.Query())).QueueNames.ShouldContain(seniorOnly);
        await Should.ThrowAsync<HelpDesk.Application.Common.ForbiddenException>(() => SendAs<ListCaseFilters.Result>(Demo.Alice, new ListCaseFilters.Query()));
    }
}
