using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Escalations;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;

namespace HelpDesk.IntegrationTests.Escalations;

/// <summary>Issue 15: an agent who loses a case to a higher tier keeps a read-only view; their promises never stay under their name.</summary>
public sealed class HeldCaseTests(ClockedAppFactory app) : ClockedIntegrationTest<ClockedAppFactory>(app)
{
    [Fact]
    public async Task After_the_subscriber_asks_for_a_supervisor_the_tier_1_holder_reads_the_case_and_their_promise_is_withdrawn_in_words()
    {
        var id = await OpenAsync(Demo.Alice, "Charged twice");
        await AssignAsync(id, Demo.Agent1);
        await WriteAsync(Demo.Agent1, id, "I am checking with billing.");
        await WriteAsync(Demo.Agent1, id, "Card ending 4242, refund likely.", @internal: true);
        await PromiseFollowUpAsync(id, Demo.Agent1, Clock.UtcNow.AddDays(1));
        await WriteAsync(Demo.Agent2, id, "Tier 2 note the holder must not see.", @internal: true);

        await SendAs<EscalationView>(Demo.Alice, new AskForSupervisor.Command(id, "Nobody fixed it"));

        // The working page is closed to them (above their tier)…
        await Should.ThrowAsync<Exception>(() => SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id)));
        // …the read-only view is open.
        var held = await SendAs<HeldCaseView>(Demo.Agent1, new GetHeldCase.Query(id));
        held.Tier.ShouldBe(Domain.Agents.AgentTier.Supervisor);
        held.Move.ShouldNotBeNull().Kind.ShouldBe(EscalationKind.SubscriberAskedForSupervisor);
        held.Move.Reason.ShouldBe("Nobody fixed it");
        held.Timeline.ShouldContain(e => e.Body == "Card ending 4242, refund likely.", "their own note");
        held.Timeline.ShouldNotContain(e => e.Body == "Tier 2 note the holder must not see.");
        held.Promises.ShouldHaveSingleItem().Status.ShouldBe(FollowUpStatus.Cancelled);

        // The subscriber reads, in words, that the promise is withdrawn and who answers instead.
        var portal = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id));
        portal.FollowUps.ShouldBeEmpty();
        portal.Timeline.ShouldContain(e => e.Visibility == Visibility.Public && e.Body.Contains("is withdrawn", StringComparison.Ordinal)
            && e.Body.Contains("a supervisor", StringComparison.Ordinal));
        (await NotificationsAsync(id)).ShouldContain(n => n.Kind == "case.unassigned" && !n.Message.Contains("Supervisor queue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nobody_who_never_held_the_case_gets_the_read_only_view()
    {
        var id = await OpenAsync(Demo.Bob, "Never mine");
        await SendAs<EscalationView>(Demo.Bob, new AskForSupervisor.Command(id, "Please"));

        await Should.ThrowAsync<NotFoundException>(() => SendAs<HeldCaseView>(Demo.Agent1, new GetHeldCase.Query(id)));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<HeldCaseView>(Demo.Bob, new GetHeldCase.Query(id)));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<HeldCaseView>(Demo.Agent1, new GetHeldCase.Query(Guid.NewGuid())));
    }
}
