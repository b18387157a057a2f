using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;

namespace HelpDesk.Domain.Tests.Credits;

public sealed class CreditAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // Tier 1: 10 per credit, 25 per 30 days (USD, EUR); goodwill only for Tier 2 and up.
    private static readonly CreditAuthorityPolicy Policy = CreditAuthorityPolicy.Create(1, Now.AddYears(-1), "admin", Now.AddYears(-1),
        [
            CreditLimit.Of(AgentTier.Tier1, "usd", 10m, 25m), CreditLimit.Of(AgentTier.Tier1, "EUR", 10m, 25m),
            CreditLimit.Of(AgentTier.Tier2, "USD", 50m, 100m), CreditLimit.Of(AgentTier.Supervisor, "USD", 500m, 1000m),
        ],
        [
            new(AgentTier.Tier1, "service_outage"), new(AgentTier.Tier2, "service_outage"), new(AgentTier.Tier2, "goodwill"),
            new(AgentTier.Supervisor, "service_outage"), new(AgentTier.Supervisor, "goodwill"),
        ]);

    private static CreditDecision Decide(
        decimal amount, AgentTier tier = AgentTier.Tier1, string currency = "USD", string reason = "service_outage",
        string billing = "USD", params PriorCredit[] prior) =>
        CreditAuthority.Decide(Policy, tier, amount, currency, reason, billing, prior, Now);

    [Theory]
    [InlineData("0.01")]
    [InlineData("9.99")]
    [InlineData("10.00")]
    public void A_single_credit_up_to_and_including_the_tier_limit_is_within_authority(string amount) =>
        Decide(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);

    [Fact]
    public void One_cent_over_the_single_credit_limit_needs_approval_and_says_which_limit()
    {
        var decision = Decide(10.01m);
        decision.Kind.ShouldBe(CreditDecisionKind.NeedsApproval);
        decision.Code.ShouldBe("credit.over_single_limit");
        decision.Reason.ShouldBe("10.01 USD is above Tier1's limit of 10.00 USD per credit.");
    }

    [Fact]
    public void Reaching_the_rolling_total_exactly_is_within_authority_and_one_cent_more_needs_approval()
    {
        PriorCredit[] given = [new(10m, "USD", Now.AddDays(-1)), new(5m, "USD", Now.AddDays(-29))];
        Decide(10m, prior: given).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
        var over = Decide(10m, prior: [.. given, new(0.01m, "USD", Now.AddMinutes(-1))]);
        over.Kind.ShouldBe(CreditDecisionKind.NeedsApproval);
        over.Code.ShouldBe("credit.over_rolling_limit");
        over.Reason.ShouldBe("With 15.01 USD already credited in the last 30 days, 10.00 USD more is above Tier1's limit of 25.00 USD per subscriber in 30 days.");
    }

    [Fact]
    public void A_credit_issued_exactly_30_days_ago_has_left_the_window_and_one_a_microsecond_younger_has_not()
    {
        var leaving = new PriorCredit(20m, "USD", Now.AddDays(-30));
        Decide(10m, prior: leaving).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
        var staying = new PriorCredit(20m, "USD", Now.AddDays(-30).AddTicks(10));
        Decide(10m, prior: staying).Code.ShouldBe("credit.over_rolling_limit");
        Decide(5m, prior: staying).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
    }

    [Fact]
    public void Credits_in_other_currencies_do_not_count_toward_the_rolling_total()
    {
        Decide(10m, prior: new PriorCredit(25m, "EUR", Now.AddDays(-1))).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
    }

    [Fact]
    public void A_credit_in_another_currency_than_the_subscriber_is_billed_in_is_refused()
    {
        var decision = Decide(5m, currency: "EUR", billing: "USD");
        decision.Kind.ShouldBe(CreditDecisionKind.Refused);
        decision.Code.ShouldBe("credit.currency_mismatch");
        decision.Reason.ShouldBe("The subscriber is billed in USD; a credit in EUR cannot be applied.");
        Decide(5m, currency: "usd", billing: "USD").Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
    }

    [Fact]
    public void An_unknown_reason_code_is_refused_but_one_reserved_for_higher_tiers_needs_approval()
    {
        var unknown = Decide(5m, reason: "because");
        unknown.Kind.ShouldBe(CreditDecisionKind.Refused);
        unknown.Code.ShouldBe("credit.unknown_reason");
        var higher = Decide(5m, reason: "goodwill");
        higher.Kind.ShouldBe(CreditDecisionKind.NeedsApproval);
        higher.Code.ShouldBe("credit.reason_not_allowed");
        Decide(5m, tier: AgentTier.Tier2, reason: "goodwill").Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.005")]
    public void Non_positive_amounts_and_fractions_of_a_cent_are_refused(string amount)
    {
        var decision = Decide(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
        decision.Kind.ShouldBe(CreditDecisionKind.Refused);
        decision.Code.ShouldBe("credit.bad_amount");
    }

    [Fact]
    public void A_tier_without_a_limit_in_the_currency_needs_approval()
    {
        var decision = Decide(1m, currency: "GBP", billing: "GBP");
        decision.Kind.ShouldBe(CreditDecisionKind.NeedsApproval);
        decision.Code.ShouldBe("credit.no_limit");
    }

    [Fact]
    public void Each_tier_is_held_to_its_own_limits()
    {
        Decide(50m, tier: AgentTier.Tier2).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
        Decide(50.01m, tier: AgentTier.Tier2).Code.ShouldBe("credit.over_single_limit");
        Decide(500m, tier: AgentTier.Supervisor, prior: new PriorCredit(500m, "USD", Now.AddDays(-2))).Kind.ShouldBe(CreditDecisionKind.WithinAuthority);
        Decide(0.01m, tier: AgentTier.Supervisor, prior: new PriorCredit(1000m, "USD", Now.AddDays(-2))).Code.ShouldBe("credit.over_rolling_limit");
    }
}
