using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Credits;

namespace HelpDesk.Infrastructure.Seeding;

/// <summary>The first credit authority policy: small credits for Tier 1, growing with the tier.</summary>
public static class CreditAuthorityDefaults
{
    public static readonly string[] ReasonCodes = ["service_outage", "billing_error", "goodwill", "playback_failure"];

    private static readonly string[] Currencies = ["USD", "EUR", "GBP"];

    public static CreditAuthorityPolicy Policy(DateTimeOffset now)
    {
        (AgentTier Tier, decimal Single, decimal Rolling)[] tiers =
        [
            (AgentTier.Tier1, 10m, 25m), (AgentTier.Tier2, 50m, 100m), (AgentTier.Tier3, 100m, 250m), (AgentTier.Supervisor, 500m, 1000m),
        ];
        var limits = from t in tiers from currency in Currencies select CreditLimit.Of(t.Tier, currency, t.Single, t.Rolling);
        var reasons = from t in tiers from code in ReasonCodes select new CreditReasonGrant(t.Tier, code);
        return CreditAuthorityPolicy.Create(1, DateTimeOffset.UnixEpoch, "system", now, limits, reasons);
    }
}
