using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Sla;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;

namespace HelpDesk.IntegrationTests.Escalations;

public sealed class EscalationSweepTests(ClockedAppFactory app) : ClockedIntegrationTest<ClockedAppFactory>(app)
{
    [Fact]
    public async Task An_sla_breach_moves_the_case_up_one_tier_naming_the_rule_once()
    {
        var id = await OpenAsync(Demo.Alice, "Breach me");
        await AssignAsync(id, Demo.Agent1);
        Clock.AdvancePast((await CaseAsync(id)).ResponseDueAt!.Value);

        await SweepAsync();
        await SweepAsync();

        var @case = await CaseAsync(id);
        @case.ResponseSla.ShouldBe(SlaState.Breached);
        @case.Tier.ShouldBe(AgentTier.Tier2);
        @case.Queue.ShouldBe("Tier2");
        @case.AssigneeId.ShouldBeNull();
        (await TimelineAsync(id)).Count(i => i.Body.Contains("Rule \"sla-breach\"")).ShouldBe(1);
        var audit = await AuditAsync(id);
        audit.Count(a => a.Action == "case.escalated" && a.Data!.Contains("sla-breach")).ShouldBe(1);
        audit.Single(a => a.Action == "case.escalated").ActorName.ShouldBe("system:test-sweeper");
        var sam = await AgentIdAsync(Demo.Agent1);
        (await NotificationsAsync(id)).ShouldContain(n => n.AgentId == sam && n.Kind == "case.unassigned");
        var history = await SendAs<IReadOnlyList<EscalationView>>(Demo.Agent2, new GetCaseEscalations.Query(id));
        history.ShouldHaveSingleItem().Rule.ShouldBe("sla-breach");
    }

    [Fact]
    public async Task A_supervisor_who_does_not_answer_within_the_target_breaches_the_response_sla()
    {
        var id = await OpenAsync(Demo.Alice, "Unanswered supervisor");
        var asked = await SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(id, "Please call me"));
        (await CaseAsync(id)).ResponseDueAt.ShouldBe(asked.AnswerDueAt);

        Clock.AdvancePast(asked.AnswerDueAt!.Value);
        await SweepAsync();

        var @case = await CaseAsync(id);
        @case.ResponseSla.ShouldBe(SlaState.Breached);
        @case.Tier.ShouldBe(AgentTier.Supervisor);
    }
}
