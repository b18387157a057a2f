using HelpDesk.Application.Accounts;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Reports;
using HelpDesk.Domain.Agents;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Credits;

/// <summary>Issue 6, credit UI half: what the case page, the portal, the approvals inbox and the dashboard read.</summary>
public sealed class CreditViewsTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<(Guid CaseId, Guid SubscriberId, string Email)> NewCase(string country = "US")
    {
        var email = $"views.{Guid.NewGuid():N}@example.com";
        var subscriberId = await AccountLinks.RegisterConfirmedAsync(App.Services, new RegisterSubscriber.Command(email, "Str0ng!pass", "Vera", "Views", country));
        var opened = await SendAs<OpenCase.Result>(email, new OpenCase.Command("Charged twice", "Billing", "Two charges this month."));
        return (opened.Id, subscriberId, email);
    }

    private Task<CreditRequestView> Issue(string agent, Guid caseId, decimal amount, string? note = "Agent-only note") =>
        SendAs<CreditRequestView>(agent, new IssueCredit.Command(caseId, amount, "USD", "billing_error", note, Guid.NewGuid()));

    [Fact]
    public async Task Staff_see_every_request_on_the_case_and_the_subscriber_sees_only_what_was_credited_without_notes()
    {
        var (caseId, _, email) = await NewCase();
        var issued = await Issue(Demo.Agent2, caseId, 5m);
        var pending = await Issue(Demo.Agent1, caseId, 15m);
        var rejected = await Issue(Demo.Agent1, caseId, 16m);
        await SendAs<CreditRequestView>(Demo.Supervisor, new RejectCreditRequest.Command(rejected.Id, "Too much"));
        var reversedOne = await Issue(Demo.Agent1, caseId, 2m);
        await SendAs<LedgerLine>(Demo.Agent2, new ReverseCredit.Command(reversedOne.EntryId!.Value, "Wrong account"));

        var staff = await SendAs<GetCaseCredits.Result>(Demo.Agent2, new GetCaseCredits.Query(caseId));
        staff.MayReverse.ShouldBeTrue();
        staff.Credits.Count.ShouldBe(4);
        staff.Credits.Single(c => c.RequestId == issued.Id).Status.ShouldBe(CaseCreditStatus.Issued);
        staff.Credits.Single(c => c.RequestId == pending.Id).Status.ShouldBe(CaseCreditStatus.PendingApproval);
        staff.Credits.Single(c => c.RequestId == pending.Id).ApprovalReason!.ShouldContain("Tier1");
        var r = staff.Credits.Single(c => c.RequestId == rejected.Id);
        (r.Status, r.DecisionComment).ShouldBe((CaseCreditStatus.Rejected, "Too much"));
        var rev = staff.Credits.Single(c => c.RequestId == reversedOne.Id);
        (rev.Status, rev.ReversalReason).ShouldBe((CaseCreditStatus.Reversed, "Wrong account"));
        (await SendAs<GetCaseCredits.Result>(Demo.Agent1, new GetCaseCredits.Query(caseId))).MayReverse.ShouldBeFalse();

        var subscriber = await SendAs<GetCaseCredits.Result>(email, new GetCaseCredits.Query(caseId));
        subscriber.MayReverse.ShouldBeFalse();
        subscriber.Credits.Select(c => c.Status).ShouldBe([CaseCreditStatus.Reversed, CaseCreditStatus.Issued], ignoreOrder: true);
        subscriber.Credits.ShouldAllBe(c => c.Note == null && c.RequestId == null && c.ApprovalReason == null && c.ReversalReason == null);
    }

    [Fact]
    public async Task Another_subscriber_cannot_read_a_cases_credits_and_low_tiers_cannot_read_a_higher_tier_case()
    {
        var (caseId, _, _) = await NewCase();
        await Issue(Demo.Agent1, caseId, 1m);
        await Should.ThrowAsync<NotFoundException>(() => SendAs<GetCaseCredits.Result>(Demo.Bob, new GetCaseCredits.Query(caseId)));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<GetCaseCredits.Result>(Demo.Bob, new GetCaseCredits.Query(Guid.NewGuid())));
        var tier3 = await WithDb(db => db.Cases.Where(c => c.Tier == AgentTier.Tier3).Select(c => c.Id).FirstAsync());
        await Should.ThrowAsync<NotFoundException>(() => SendAs<GetCaseCredits.Result>(Demo.Agent1, new GetCaseCredits.Query(tier3)));
        await Should.ThrowAsync<UnauthenticatedException>(() => SendAs<GetCaseCredits.Result>(null, new GetCaseCredits.Query(caseId)));
    }

    [Fact]
    public async Task The_credit_form_shows_the_billing_currency_the_tiers_reasons_and_when_approval_is_needed()
    {
        var (caseId, _, email) = await NewCase();
        var before = await SendAs<GetCreditOptions.Result>(Demo.Agent1, new GetCreditOptions.Query(caseId));
        before.Currency.ShouldBe("USD");
        before.Tier.ShouldBe(AgentTier.Tier1);
        before.ReasonCodes.ShouldContain("billing_error");
        (before.MaxSingle, before.MaxPer30Days, before.ApprovalAbove).ShouldBe((10m, 25m, 10m));

        await Issue(Demo.Agent1, caseId, 9m);
        await Issue(Demo.Agent1, caseId, 9m);
        var after = await SendAs<GetCreditOptions.Result>(Demo.Agent1, new GetCreditOptions.Query(caseId));
        (after.GivenInLast30Days, after.ApprovalAbove).ShouldBe((18m, 7m));
        (await SendAs<GetCreditOptions.Result>(Demo.Supervisor, new GetCreditOptions.Query(caseId))).MaxSingle.ShouldBe(500m);
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<GetCreditOptions.Result>(email, new GetCreditOptions.Query(caseId)));
    }

    [Fact]
    public async Task A_subscriber_reads_only_their_own_credits_and_staff_have_no_my_credits()
    {
        var (caseId, _, email) = await NewCase();
        var (otherCase, _, otherEmail) = await NewCase();
        var mine = await Issue(Demo.Agent1, caseId, 3m);
        await Issue(Demo.Agent1, otherCase, 4m);

        var result = await SendAs<GetMyCredits.Result>(email, new GetMyCredits.Query());
        result.Credits.ShouldHaveSingleItem().Id.ShouldBe(mine.EntryId!.Value);
        result.Credits[0].CaseNumber.ShouldStartWith("HD-");
        result.Balances.ShouldHaveSingleItem().ShouldBe(new GetMyCredits.Balance(3m, "USD"));
        (await SendAs<GetMyCredits.Result>(otherEmail, new GetMyCredits.Query())).Credits.ShouldHaveSingleItem().Amount.ShouldBe(4m);
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<GetMyCredits.Result>(Demo.Agent1, new GetMyCredits.Query()));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<GetMyCredits.Result>(Demo.Admin, new GetMyCredits.Query()));
    }

    [Fact]
    public async Task The_inbox_carries_tiers_and_policy_version_and_the_count_and_dashboard_follow_it()
    {
        var (caseId, _, _) = await NewCase();
        var before = await SendAs<int>(Demo.Supervisor, new HelpDesk.Application.Escalations.CountPendingApprovals.Query());
        var pending = await Issue(Demo.Agent1, caseId, 12m);
        await Issue(Demo.Agent2, caseId, 6m);

        (await SendAs<int>(Demo.Supervisor, new HelpDesk.Application.Escalations.CountPendingApprovals.Query())).ShouldBe(before + 1);
        var row = (await SendAs<IReadOnlyList<ListPendingCreditRequests.PendingCredit>>(Demo.Supervisor, new ListPendingCreditRequests.Query()))
            .Single(p => p.Id == pending.Id);
        (row.CaseTier, row.RequestedByTier, row.PolicyVersion).ShouldBe((AgentTier.Tier1, AgentTier.Tier1, 1));

        var dashboard = await SendAs<SupervisorDashboard.Result>(Demo.Supervisor, new SupervisorDashboard.Query(DateTimeOffset.UtcNow.AddMinutes(-5)));
        dashboard.Approvals.Count.ShouldBe(before + 1);
        dashboard.Approvals.Oldest.ShouldContain(p => p.RequestId == pending.Id);
        dashboard.CreditsByReason.ShouldContain(t => t.Key == "billing_error" && t.Currency == "USD" && t.Amount >= 6m);
        dashboard.CreditsByAgent.ShouldContain(t => t.Key.StartsWith("Priya") && t.Amount >= 6m);
        dashboard.OpenByTier.Select(t => t.Tier).ShouldBe(Enum.GetValues<AgentTier>());
        dashboard.OpenByTier.Single(t => t.Tier == AgentTier.Tier1).Total.ShouldBeGreaterThan(0);

        await SendAs<CreditRequestView>(Demo.Supervisor, new ApproveCreditRequest.Command(pending.Id));
        (await SendAs<int>(Demo.Supervisor, new HelpDesk.Application.Escalations.CountPendingApprovals.Query())).ShouldBe(before);
        foreach (var who in new[] { Demo.Agent3, Demo.Alice, Demo.Admin })
        {
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<int>(who, new HelpDesk.Application.Escalations.CountPendingApprovals.Query()));
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<SupervisorDashboard.Result>(who, new SupervisorDashboard.Query()));
        }
    }
}
