using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;

namespace HelpDesk.Domain.Tests.Credits;

public sealed class CreditRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Agent Sam = Agent.Create("a1", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);
    private static readonly Agent Maria = Agent.Create("s1", "supervisor@helpdesk.test", "Maria", "Lopez", AgentTier.Supervisor);
    private static readonly CreditDecision Over = new(CreditDecisionKind.NeedsApproval, "credit.over_single_limit", "Too much for Tier1.");

    private static CreditRequest Pending(Agent requester) =>
        CreditRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), 40m, "usd", "service_outage", "Outage", requester, Over, 1, null, Now).Request;

    [Fact]
    public void Within_authority_the_request_is_issued_at_once_with_one_ledger_entry_that_points_back_to_it()
    {
        var (request, entry) = CreditRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), 5m, "usd", "service_outage", null, Sam, CreditDecision.Within, 1, null, Now);
        request.Status.ShouldBe(CreditRequestStatus.Issued);
        entry.ShouldNotBeNull();
        entry.CreditRequestId.ShouldBe(request.Id);
        entry.Amount.ShouldBe(5m);
        entry.Currency.ShouldBe("USD");
    }

    [Fact]
    public void Above_authority_the_request_waits_for_approval_with_the_limit_that_triggered_it()
    {
        var request = Pending(Sam);
        request.Status.ShouldBe(CreditRequestStatus.PendingApproval);
        request.ApprovalReason.ShouldBe("Too much for Tier1.");
    }

    [Fact]
    public void A_refused_decision_creates_no_request() =>
        Should.Throw<DomainRuleException>(() => CreditRequest.Submit(Guid.NewGuid(), Guid.NewGuid(), 5m, "EUR", "x", null, Sam,
            new CreditDecision(CreditDecisionKind.Refused, "credit.currency_mismatch", "Wrong currency."), 1, null, Now)).Code.ShouldBe("credit.currency_mismatch");

    [Fact]
    public void The_requester_can_never_approve_their_own_request()
    {
        var request = Pending(Maria);
        Should.Throw<DomainRuleException>(() => request.Approve(Maria, CreditDecision.Within, null, Now)).Code.ShouldBe("credit.self_approval");
        request.Status.ShouldBe(CreditRequestStatus.PendingApproval);
    }

    [Fact]
    public void Approval_beyond_the_approvers_own_authority_is_refused()
    {
        var request = Pending(Sam);
        Should.Throw<DomainRuleException>(() => request.Approve(Maria, Over, null, Now)).Code.ShouldBe("credit.over_approver_limit");
        request.Status.ShouldBe(CreditRequestStatus.PendingApproval);
    }

    [Fact]
    public void A_request_is_decided_once()
    {
        var request = Pending(Sam);
        var entry = request.Approve(Maria, CreditDecision.Within, "ok", Now);
        entry.CreditRequestId.ShouldBe(request.Id);
        entry.IssuedByAgentId.ShouldBe(Maria.Id);
        request.Status.ShouldBe(CreditRequestStatus.Approved);
        Should.Throw<DomainRuleException>(() => request.Approve(Maria, CreditDecision.Within, null, Now)).Code.ShouldBe("credit.already_decided");
        Should.Throw<DomainRuleException>(() => request.Reject(Maria, "no", Now)).Code.ShouldBe("credit.already_decided");
    }

    [Fact]
    public void Rejection_needs_a_comment()
    {
        var request = Pending(Sam);
        Should.Throw<DomainRuleException>(() => request.Reject(Maria, "  ", Now)).Code.ShouldBe("credit.rejection_needs_comment");
        request.Reject(Maria, "Outage was on the subscriber's ISP.", Now);
        request.Status.ShouldBe(CreditRequestStatus.Rejected);
        request.DecisionComment.ShouldBe("Outage was on the subscriber's ISP.");
    }

    [Fact]
    public void A_reversal_is_a_new_negative_entry_and_cannot_itself_be_reversed()
    {
        var issued = CreditEntry.Issue(Guid.NewGuid(), null, 7.5m, "GBP", "goodwill", null, Sam.Id, "Sam", Now);
        var reversal = CreditEntry.Reversal(issued, "Issued twice by mistake", Maria.Id, "Maria", Now);
        reversal.Amount.ShouldBe(-7.5m);
        reversal.Kind.ShouldBe(CreditEntryKind.Reversal);
        reversal.ReversesId.ShouldBe(issued.Id);
        issued.Amount.ShouldBe(7.5m);
        Should.Throw<DomainRuleException>(() => CreditEntry.Reversal(reversal, "again", Maria.Id, "Maria", Now)).Code.ShouldBe("credit.reverse_reversal");
        Should.Throw<DomainRuleException>(() => CreditEntry.Reversal(issued, " ", Maria.Id, "Maria", Now)).Code.ShouldBe("credit.reversal_needs_reason");
    }
}
