using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Credits;

namespace HelpDesk.Application.Credits;

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
