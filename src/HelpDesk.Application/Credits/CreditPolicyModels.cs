using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Credits;

namespace HelpDesk.Application.Credits;

/// <summary>One tier's limits in one currency, as the policy editor and the API see them.</summary>
public sealed record CreditLimitModel(AgentTier Tier, string Currency, decimal MaxSingle, decimal MaxPer30Days);

/// <summary>A reason code one tier may credit for on its own.</summary>
public sealed record CreditReasonModel(AgentTier Tier, string ReasonCode);

/// <summary>One version of the credit authority policy.</summary>
public sealed record CreditPolicyView(
    Guid Id, int Version, DateTimeOffset EffectiveFrom, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<CreditLimitModel> Limits, IReadOnlyList<CreditReasonModel> Reasons)
{
    public static CreditPolicyView From(CreditAuthorityPolicy p) =>
        new(p.Id, p.Version, p.EffectiveFrom, p.CreatedBy, p.CreatedAt,
            p.Limits.OrderBy(l => l.Tier).ThenBy(l => l.Currency, StringComparer.Ordinal).Select(l => new CreditLimitModel(l.Tier, l.Currency, l.MaxSingle, l.MaxPer30Days)).ToList(),
            p.Reasons.OrderBy(r => r.Tier).ThenBy(r => r.ReasonCode, StringComparer.Ordinal).Select(r => new CreditReasonModel(r.Tier, r.ReasonCode)).ToList());
}
