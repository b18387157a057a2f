using FluentValidation;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Credits;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Credits;

/// <summary>The credit policy editor: each change is a new version, validated, audited and in force at once. Own database: it changes the policy.</summary>
public sealed class CreditPolicyTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static ChangeCreditPolicy.Command Policy(decimal tier1Single, decimal tier1Rolling, int? expected = null, string currency = "USD", string code = "billing_error") =>
        new([
                new CreditLimitModel(AgentTier.Tier1, currency, tier1Single, tier1Rolling),
                new CreditLimitModel(AgentTier.Supervisor, "USD", 500m, 1000m),
            ],
            [new CreditReasonModel(AgentTier.Tier1, code), new CreditReasonModel(AgentTier.Supervisor, "billing_error")],
            expected);

    [Fact]
    public async Task Only_administrators_read_and_change_the_policy()
    {
        foreach (var who in new[] { Demo.Alice, Demo.Agent1, Demo.Agent3, Demo.Supervisor })
        {
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<CreditPolicyView>(who, new GetCreditPolicy.Query()));
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<CreditPolicyView>>(who, new ListCreditPolicyVersions.Query()));
            await Should.ThrowAsync<ForbiddenException>(() => SendAs<CreditPolicyView>(who, Policy(1m, 2m)));
        }

        await Should.ThrowAsync<UnauthenticatedException>(() => SendAs<CreditPolicyView>(null, new GetCreditPolicy.Query()));
        (await SendAs<CreditPolicyView>(Demo.Admin, new GetCreditPolicy.Query())).Limits.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_change_is_a_new_audited_version_in_force_at_once_and_a_stale_edit_is_refused()
    {
        var current = await SendAs<CreditPolicyView>(Demo.Admin, new GetCreditPolicy.Query());

        var saved = await SendAs<CreditPolicyView>(Demo.Admin, Policy(3m, 5m, current.Version));

        saved.Version.ShouldBe(current.Version + 1);
        (await SendAs<CreditPolicyView>(Demo.Admin, new GetCreditPolicy.Query())).Version.ShouldBe(saved.Version);
        var versions = await SendAs<IReadOnlyList<CreditPolicyView>>(Demo.Admin, new ListCreditPolicyVersions.Query());
        versions.Select(v => v.Version).ShouldBe([saved.Version, current.Version]);
        versions[1].Limits.Count.ShouldBe(current.Limits.Count);
        var audit = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "credit_policy.changed" && a.EntityId == saved.Id.ToString()));
        audit.Data!.ShouldContain("Tier1 USD 3.00/5.00");

        // The new limits decide the next credit.
        var email = $"policy.{Guid.NewGuid():N}@example.com";
        await AccountLinks.RegisterConfirmedAsync(App.Services, new RegisterSubscriber.Command(email, "Str0ng!pass", "Pol", "Icy", "US"));
        var opened = await SendAs<OpenCase.Result>(email, new OpenCase.Command("Charged twice", "Billing", "Two charges."));
        var credit = await SendAs<CreditRequestView>(Demo.Agent1, new IssueCredit.Command(opened.Id, 4m, "USD", "billing_error"));
        credit.Status.ShouldBe(CreditRequestStatus.PendingApproval);
        credit.ApprovalReason.ShouldBe("4.00 USD is above Tier1's limit of 3.00 USD per credit.");

        var stale = await Should.ThrowAsync<ConcurrencyConflictException>(() => SendAs<CreditPolicyView>(Demo.Admin, Policy(1m, 2m, current.Version)));
        stale.Message.ShouldContain($"version {saved.Version}");
    }

    [Theory]
    [InlineData(-1, 5, "USD", "billing_error", "cannot be negative")]
    [InlineData(6, 5, "USD", "billing_error", "cannot be above the 30-day total")]
    [InlineData(1, 5, "XYZ", "billing_error", "not an ISO 4217 currency code")]
    [InlineData(1, 5, "USD", "Billing Error", "is not a reason code")]
    public async Task Invalid_policies_are_refused_with_a_reason(decimal perCredit, decimal rolling, string currency, string code, string message)
    {
        var before = await SendAs<CreditPolicyView>(Demo.Admin, new GetCreditPolicy.Query());
        var ex = await Should.ThrowAsync<ValidationException>(() => SendAs<CreditPolicyView>(Demo.Admin, Policy(perCredit, rolling, currency: currency, code: code)));
        ex.Errors.ShouldContain(e => e.ErrorMessage.Contains(message));
        (await SendAs<CreditPolicyView>(Demo.Admin, new GetCreditPolicy.Query())).Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task Two_limits_for_one_tier_and_currency_are_refused()
    {
        var command = new ChangeCreditPolicy.Command(
            [new CreditLimitModel(AgentTier.Tier1, "USD", 1m, 2m), new CreditLimitModel(AgentTier.Tier1, "usd", 3m, 4m)],
            [new CreditReasonModel(AgentTier.Tier1, "goodwill")]);
        var ex = await Should.ThrowAsync<ValidationException>(() => SendAs<CreditPolicyView>(Demo.Admin, command));
        ex.Errors.ShouldContain(e => e.ErrorMessage.Contains("at most one limit per currency"));
    }
}
