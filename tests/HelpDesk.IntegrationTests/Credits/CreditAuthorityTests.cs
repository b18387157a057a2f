using FluentValidation;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.IntegrationTests.Credits;

public sealed class CreditAuthorityTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    /// <summary>A new US subscriber (billed in USD, nothing credited yet) with one open case, so tests never share a 30-day total.</summary>
    private async Task<(Guid CaseId, Guid SubscriberId, string Email)> NewCase(string country = "US")
    {
        var email = $"credit.{Guid.NewGuid():N}@example.com";
        var subscriberId = await AccountLinks.RegisterConfirmedAsync(App.Services, new RegisterSubscriber.Command(email, "Str0ng!pass", "Cory", "Credit", country));
        var opened = await SendAs<OpenCase.Result>(email, new OpenCase.Command("Charged twice", "Billing", "Two charges this month."));
        return (opened.Id, subscriberId, email);
    }

    private Task<List<CreditEntry>> Entries(Guid subscriberId) =>
        WithDb(db => db.CreditEntries.AsNoTracking().Where(e => e.SubscriberId == subscriberId).OrderBy(e => e.CreatedAt).ToListAsync());

    private Task<List<CreditRequest>> Requests(Guid subscriberId) =>
        WithDb(db => db.CreditRequests.AsNoTracking().Where(r => r.SubscriberId == subscriberId).ToListAsync());

    private Task<CreditRequestView> Issue(string agent, Guid caseId, decimal amount, Guid? requestId = null, string currency = "USD", string reason = "billing_error") =>
        SendAs<CreditRequestView>(agent, new IssueCredit.Command(caseId, amount, currency, reason, "Duplicate charge", requestId));

    [Fact]
    public async Task A_credit_within_the_agents_authority_is_issued_at_once_as_one_audited_ledger_entry()
    {
        var (caseId, subscriberId, _) = await NewCase();

        var issued = await Issue(Demo.Agent1, caseId, 10.00m);

        issued.Status.ShouldBe(CreditRequestStatus.Issued);
        issued.EntryId.ShouldNotBeNull();
        var entry = (await Entries(subscriberId)).ShouldHaveSingleItem();
        entry.Id.ShouldBe(issued.EntryId.Value);
        entry.CreditRequestId.ShouldBe(issued.Id);
        entry.Amount.ShouldBe(10.00m);
        entry.CaseId.ShouldBe(caseId);
        var actions = await WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.CaseId == caseId && a.Action.StartsWith("credit.")).Select(a => a.Action).ToListAsync());
        actions.ShouldBe(["credit.requested", "credit.issued"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_credit_above_the_agents_authority_waits_for_a_supervisor_who_is_told_which_limit_triggered_it()
    {
        var (caseId, subscriberId, _) = await NewCase();

        var pending = await Issue(Demo.Agent1, caseId, 10.01m);

        pending.Status.ShouldBe(CreditRequestStatus.PendingApproval);
        pending.EntryId.ShouldBeNull();
        pending.ApprovalReason.ShouldBe("10.01 USD is above Tier1's limit of 10.00 USD per credit.");
        (await Entries(subscriberId)).ShouldBeEmpty();
        var supervisorId = await WithDb(db => db.Agents.Where(a => a.Email == Demo.Supervisor).Select(a => a.Id).SingleAsync());
        var note = await WithDb(db => db.Notifications.AsNoTracking().SingleAsync(n => n.AgentId == supervisorId && n.CaseId == caseId));
        note.Kind.ShouldBe("credit.approval_requested");
        note.Message.ShouldContain("10.01 USD");
    }

    [Fact]
    public async Task The_approvals_inbox_lists_pending_requests_oldest_first_with_the_triggering_limit_and_marks_the_callers_own()
    {
        var (caseId, _, _) = await NewCase();
        var older = await Issue(Demo.Agent1, caseId, 11m);
        var own = await Issue(Demo.Supervisor, caseId, 501m);
        await Issue(Demo.Agent1, caseId, 1m);

        var inbox = await SendAs<IReadOnlyList<ListPendingCreditRequests.PendingCredit>>(Demo.Supervisor, new ListPendingCreditRequests.Query());

        var mine = inbox.Where(p => p.CaseId == caseId).ToList();
        mine.Select(p => p.Id).ShouldBe([older.Id, own.Id]);
        mine[0].ApprovalReason.ShouldBe("11.00 USD is above Tier1's limit of 10.00 USD per credit.");
        mine[0].SubscriberName.ShouldBe("Cory Credit");
        mine[0].CaseNumber.ShouldStartWith("HD-");
        mine.Select(p => p.MayApprove).ShouldBe([true, false]);
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<ListPendingCreditRequests.PendingCredit>>(Demo.Agent3, new ListPendingCreditRequests.Query()));
    }

    [Fact]
    public async Task The_rolling_30_day_total_sends_the_next_credit_to_approval()
    {
        var (caseId, _, _) = await NewCase();
        (await Issue(Demo.Agent1, caseId, 10m)).Status.ShouldBe(CreditRequestStatus.Issued);
        (await Issue(Demo.Agent1, caseId, 10m)).Status.ShouldBe(CreditRequestStatus.Issued);
        (await Issue(Demo.Agent1, caseId, 5m)).Status.ShouldBe(CreditRequestStatus.Issued);

        var fourth = await Issue(Demo.Agent1, caseId, 0.01m);

        fourth.Status.ShouldBe(CreditRequestStatus.PendingApproval);
        fourth.ApprovalReason!.ShouldContain("25.00 USD already credited in the last 30 days");
    }

    [Fact]
    public async Task A_credit_in_another_currency_or_for_an_unknown_reason_is_refused_and_nothing_is_stored()
    {
        var (caseId, subscriberId, _) = await NewCase();

        var wrongCurrency = await Should.ThrowAsync<DomainRuleException>(() => Issue(Demo.Agent1, caseId, 5m, currency: "EUR"));
        wrongCurrency.Code.ShouldBe("credit.currency_mismatch");
        var unknown = await Should.ThrowAsync<DomainRuleException>(() => Issue(Demo.Agent1, caseId, 5m, reason: "felt_like_it"));
        unknown.Code.ShouldBe("credit.unknown_reason");
        var cents = await Should.ThrowAsync<ValidationException>(() => Issue(Demo.Agent1, caseId, 1.005m));
        cents.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Enter the amount in whole cents (at most two decimals).");

        (await Requests(subscriberId)).ShouldBeEmpty();
        (await Entries(subscriberId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_requester_can_never_approve_their_own_request_and_no_approver_can_exceed_their_own_limit()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var pending = await Issue(Demo.Supervisor, caseId, 600m);
        pending.Status.ShouldBe(CreditRequestStatus.PendingApproval);

        var self = await Should.ThrowAsync<DomainRuleException>(() => SendAs<CreditRequestView>(Demo.Supervisor, new ApproveCreditRequest.Command(pending.Id)));
        self.Code.ShouldBe("credit.self_approval");

        var other = await Staffing.AgentAsync(App.Services, "Olga", AgentTier.Supervisor);
        var beyond = await Should.ThrowAsync<DomainRuleException>(() =>
            Staffing.SendAsync<CreditRequestView>(App.Services, other, new ApproveCreditRequest.Command(pending.Id)));
        beyond.Code.ShouldBe("credit.over_approver_limit");
        beyond.Message.ShouldContain("600.00 USD is above Supervisor's limit of 500.00 USD per credit.");

        (await Requests(subscriberId)).ShouldHaveSingleItem().Status.ShouldBe(CreditRequestStatus.PendingApproval);
        (await Entries(subscriberId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Approval_issues_one_entry_tells_the_requester_and_a_decided_request_cannot_be_decided_again()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var pending = await Issue(Demo.Agent1, caseId, 40m);

        var approved = await SendAs<CreditRequestView>(Demo.Supervisor, new ApproveCreditRequest.Command(pending.Id, "Confirmed duplicate."));

        approved.Status.ShouldBe(CreditRequestStatus.Approved);
        approved.DecidedBy.ShouldNotBeNull();
        var entry = (await Entries(subscriberId)).ShouldHaveSingleItem();
        entry.Id.ShouldBe(approved.EntryId!.Value);
        entry.Amount.ShouldBe(40m);
        var samId = await WithDb(db => db.Agents.Where(a => a.Email == Demo.Agent1).Select(a => a.Id).SingleAsync());
        (await WithDb(db => db.Notifications.AsNoTracking().Where(n => n.AgentId == samId && n.CaseId == caseId).Select(n => n.Kind).ToListAsync()))
            .ShouldContain("credit.approved");
        var again = await Should.ThrowAsync<DomainRuleException>(() =>
            SendAs<CreditRequestView>(Demo.Supervisor, new RejectCreditRequest.Command(pending.Id, "Changed my mind")));
        again.Code.ShouldBe("credit.already_decided");
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == pending.Id.ToString() && a.Action == "credit.approved"))).ShouldBe(1);
    }

    [Fact]
    public async Task Rejection_needs_a_comment_and_issues_nothing()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var pending = await Issue(Demo.Agent1, caseId, 40m);

        var bare = await Should.ThrowAsync<ValidationException>(() => SendAs<CreditRequestView>(Demo.Supervisor, new RejectCreditRequest.Command(pending.Id, " ")));
        bare.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Say why the credit is rejected; the agent who asked will see it.");
        var rejected = await SendAs<CreditRequestView>(Demo.Supervisor, new RejectCreditRequest.Command(pending.Id, "The second charge was refunded by the bank."));

        rejected.Status.ShouldBe(CreditRequestStatus.Rejected);
        rejected.DecisionComment.ShouldBe("The second charge was refunded by the bank.");
        (await Entries(subscriberId)).ShouldBeEmpty();
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == pending.Id.ToString() && a.Action == "credit.rejected"))).ShouldBe(1);
    }

    [Fact]
    public async Task Agents_and_subscribers_cannot_approve_credits()
    {
        var (caseId, _, email) = await NewCase();
        var pending = await Issue(Demo.Agent1, caseId, 40m);

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CreditRequestView>(Demo.Agent3, new ApproveCreditRequest.Command(pending.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CreditRequestView>(email, new ApproveCreditRequest.Command(pending.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<CreditRequestView>(email, new IssueCredit.Command(caseId, 1m, "USD", "goodwill")));
    }

    [Fact]
    public async Task Replaying_the_same_request_id_returns_the_first_result_and_issues_once()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var requestId = Guid.NewGuid();

        var first = await Issue(Demo.Agent1, caseId, 7.50m, requestId);
        var replay = await Issue(Demo.Agent1, caseId, 7.50m, requestId);

        replay.ShouldBe(first);
        (await Requests(subscriberId)).ShouldHaveSingleItem();
        (await Entries(subscriberId)).ShouldHaveSingleItem();
        var pendingId = Guid.NewGuid();
        var pending = await Issue(Demo.Agent1, caseId, 30m, pendingId);
        (await Issue(Demo.Agent1, caseId, 30m, pendingId)).Id.ShouldBe(pending.Id);
        (await Requests(subscriberId)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Twenty_concurrent_submits_with_the_same_request_id_create_one_credit()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var requestId = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Issue(Demo.Agent1, caseId, 9.99m, requestId))));

        results.Select(r => r.Id).Distinct().ShouldHaveSingleItem();
        results.Select(r => r.EntryId).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        (await Requests(subscriberId)).ShouldHaveSingleItem();
        (await Entries(subscriberId)).ShouldHaveSingleItem().Amount.ShouldBe(9.99m);
    }

    [Fact]
    public async Task Two_supervisors_approving_at_once_produce_one_decision_and_one_ledger_entry()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var pending = await Issue(Demo.Agent1, caseId, 45m);
        var other = await Staffing.AgentAsync(App.Services, "Olga", AgentTier.Supervisor);
        var maria = await Demo.IdentityAsync(App.Services, Demo.Supervisor);

        var attempts = await Task.WhenAll(new[] { maria, other }.Select(who => Task.Run(async () =>
        {
            try
            {
                return (Ok: true, Error: (Exception?)null, View: await Staffing.SendAsync<CreditRequestView>(App.Services, who, new ApproveCreditRequest.Command(pending.Id)));
            }
            catch (Exception ex) when (ex is DomainRuleException or ConcurrencyConflictException)
            {
                return (Ok: false, Error: ex, View: (CreditRequestView?)null);
            }
        })));

        attempts.Count(a => a.Ok).ShouldBe(1);
        attempts.Single(a => !a.Ok).Error.ShouldBeOfType<DomainRuleException>().Code.ShouldBe("credit.already_decided");
        (await Entries(subscriberId)).ShouldHaveSingleItem().CreditRequestId.ShouldBe(pending.Id);
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == pending.Id.ToString() && a.Action == "credit.approved"))).ShouldBe(1);
    }

    [Fact]
    public async Task The_ledger_refuses_updates_and_deletes_even_through_raw_sql()
    {
        var (caseId, subscriberId, _) = await NewCase();
        var issued = await Issue(Demo.Agent1, caseId, 5m);

        var update = await Should.ThrowAsync<PostgresException>(() =>
            WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE credit_entries SET amount = 500 WHERE id = {issued.EntryId}")));
        update.SqlState.ShouldBe(PostgresErrorCodes.RestrictViolation);
        update.MessageText.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<PostgresException>(() => WithDb(db => db.Database.ExecuteSqlRawAsync("DELETE FROM credit_entries")));
        delete.SqlState.ShouldBe(PostgresErrorCodes.RestrictViolation);

        (await Entries(subscriberId)).ShouldHaveSingleItem().Amount.ShouldBe(5m);
        (await WithDb(db => db.CreditEntries.CountAsync())).ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task A_credit_on_a_case_above_the_agents_tier_cannot_be_reversed_by_that_agent()
    {
        var email = $"credit.{Guid.NewGuid():N}@example.com";
        await AccountLinks.RegisterConfirmedAsync(App.Services, new RegisterSubscriber.Command(email, "Str0ng!pass", "Cory", "Credit", "US"));
        var takeover = await SendAs<OpenCase.Result>(email, new OpenCase.Command("Someone took my account", "AccountTakeover", "My email was changed."));
        var issued = await Issue(Demo.Agent3, takeover.Id, 8m);
        var entryId = issued.EntryId!.Value;

        // A credit on a case above the caller's tier does not exist for them: the same answer as a random id.
        var refused = await Should.ThrowAsync<NotFoundException>(() => SendAs<LedgerLine>(Demo.Agent2, new ReverseCredit.Command(entryId, "Wrong account")));
        var random = await Should.ThrowAsync<NotFoundException>(() => SendAs<LedgerLine>(Demo.Agent2, new ReverseCredit.Command(Guid.NewGuid(), "Wrong account")));
        refused.Message.ShouldNotContain("Tier3");
        refused.Message.Replace(entryId.ToString(), "{id}").ShouldBe(random.Message[..random.Message.IndexOf(' ', StringComparison.Ordinal)] + " {id} was not found.");

        var reversal = await SendAs<LedgerLine>(Demo.Agent3, new ReverseCredit.Command(entryId, "Wrong account"));
        reversal.ReversesId.ShouldBe(entryId);
    }

    [Fact]
    public async Task A_reversal_is_a_new_negative_entry_by_tier_2_or_above_and_happens_once()
    {
        var (caseId, subscriberId, email) = await NewCase();
        var issued = await Issue(Demo.Agent1, caseId, 8m);
        var entryId = issued.EntryId!.Value;

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<LedgerLine>(Demo.Agent1, new ReverseCredit.Command(entryId, "Wrong account")));
        // Authority is checked before input: Tier 1 is refused even with an empty reason.
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<LedgerLine>(Demo.Agent1, new ReverseCredit.Command(entryId, "")));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<LedgerLine>(email, new ReverseCredit.Command(entryId, "Please")));
        var noReason = await Should.ThrowAsync<ValidationException>(() => SendAs<LedgerLine>(Demo.Agent2, new ReverseCredit.Command(entryId, "")));
        noReason.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Say why the credit is reversed.");

        var reversal = await SendAs<LedgerLine>(Demo.Agent2, new ReverseCredit.Command(entryId, "Credited the wrong account"));

        reversal.Amount.ShouldBe(-8m);
        reversal.Kind.ShouldBe(CreditEntryKind.Reversal);
        reversal.ReversesId.ShouldBe(entryId);
        reversal.Balance.ShouldBe(0m);
        var twice = await Should.ThrowAsync<DomainRuleException>(() => SendAs<LedgerLine>(Demo.Supervisor, new ReverseCredit.Command(entryId, "Again")));
        twice.Code.ShouldBe("credit.already_reversed");

        var ledger = await SendAs<IReadOnlyList<LedgerLine>>(Demo.Agent1, new GetLedger.Query(subscriberId));
        ledger.Select(l => (l.Amount, l.Balance)).ShouldBe([(8m, 8m), (-8m, 0m)]);
        // The ledger is a staff view with internal notes: subscribers (even for their own id) read /me/credits instead.
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<LedgerLine>>(email, new GetLedger.Query(subscriberId)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<LedgerLine>>(Demo.Alice, new GetLedger.Query(subscriberId)));
        (await WithDb(db => db.AuditEvents.CountAsync(a => a.EntityId == reversal.Id.ToString() && a.Action == "credit.reversed"))).ShouldBe(1);
    }
}
