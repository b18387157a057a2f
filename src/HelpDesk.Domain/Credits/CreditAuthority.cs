using System.Globalization;
using HelpDesk.Domain.Agents;

namespace HelpDesk.Domain.Credits;

/// <summary>A credit already issued to the subscriber (for the rolling 30-day total).</summary>
public readonly record struct PriorCredit(decimal Amount, string Currency, DateTimeOffset IssuedAt);

public enum CreditDecisionKind
{
    WithinAuthority,
    NeedsApproval,
    Refused,
}

/// <param name="Code">Machine-readable reason, e.g. <c>credit.over_single_limit</c>.</param>
/// <param name="Reason">Written for the person: which rule or limit decided it.</param>
public sealed record CreditDecision(CreditDecisionKind Kind, string Code, string Reason)
{
    public static readonly CreditDecision Within = new(CreditDecisionKind.WithinAuthority, "credit.within_authority", "Within your authority.");

    internal static CreditDecision Approval(string code, string reason) => new(CreditDecisionKind.NeedsApproval, code, reason);

    internal static CreditDecision Refuse(string code, string reason) => new(CreditDecisionKind.Refused, code, reason);
}

/// <summary>Decides whether a tier may issue a credit on its own, needs a supervisor, or may not issue it at all.</summary>
public static class CreditAuthority
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>
    /// The rolling total counts credits issued in the 30 days before <paramref name="now"/> (one issued exactly 30 days
    /// ago has left the window). Reversals do not give authority back: the total is what was given, not what was kept.
    /// </summary>
    public static CreditDecision Decide(
        CreditAuthorityPolicy policy, AgentTier tier, decimal amount, string currency, string reasonCode,
        string subscriberBillingCurrency, IEnumerable<PriorCredit> creditsInLast30Days, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(creditsInLast30Days);
        if (amount <= 0)
        {
            return CreditDecision.Refuse("credit.bad_amount", "A credit must be more than zero.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            return CreditDecision.Refuse("credit.bad_amount", "A credit has at most two decimal places (whole cents).");
        }

        if (!string.Equals(currency, subscriberBillingCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return CreditDecision.Refuse("credit.currency_mismatch",
                $"The subscriber is billed in {subscriberBillingCurrency}; a credit in {currency.ToUpperInvariant()} cannot be applied.");
        }

        if (!policy.KnownReasonCodes.Contains(reasonCode, StringComparer.Ordinal))
        {
            return CreditDecision.Refuse("credit.unknown_reason", $"\"{reasonCode}\" is not a credit reason code.");
        }

        if (!policy.Allows(tier, reasonCode))
        {
            return CreditDecision.Approval("credit.reason_not_allowed", $"{tier} may not credit for \"{reasonCode}\" on its own.");
        }

        if (policy.LimitFor(tier, currency) is not { } limit)
        {
            return CreditDecision.Approval("credit.no_limit", $"{tier} has no credit authority in {currency.ToUpperInvariant()}.");
        }

        if (amount > limit.MaxSingle)
        {
            return CreditDecision.Approval("credit.over_single_limit",
                $"{Money(amount, limit.Currency)} is above {tier}'s limit of {Money(limit.MaxSingle, limit.Currency)} per credit.");
        }

        var since = now - Window;
        var given = creditsInLast30Days
            .Where(c => c.IssuedAt > since && c.IssuedAt <= now && string.Equals(c.Currency, currency, StringComparison.OrdinalIgnoreCase))
            .Sum(c => c.Amount);
        if (given + amount > limit.MaxPer30Days)
        {
            return CreditDecision.Approval("credit.over_rolling_limit",
                $"With {Money(given, limit.Currency)} already credited in the last 30 days, {Money(amount, limit.Currency)} more is above {tier}'s limit of {Money(limit.MaxPer30Days, limit.Currency)} per subscriber in 30 days.");
        }

        return CreditDecision.Within;
    }

    private static string Money(decimal amount, string currency) => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency}";
}
