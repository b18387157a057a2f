using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Credits;

/// <summary>
/// Who may give money back on their own: per tier and currency, the largest single credit and the most per
/// subscriber in a rolling 30 days; per tier, the reason codes it may use. Versioned: a change is a new policy
/// with a higher <see cref="Version"/>; the newest one in effect applies.
/// </summary>
public sealed class CreditAuthorityPolicy
{
    public const int MaxReasonCodeLength = 64;

    private readonly List<CreditLimit> _limits = [];
    private readonly List<CreditReasonGrant> _reasons = [];

    private CreditAuthorityPolicy()
    {
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset EffectiveFrom { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<CreditLimit> Limits => _limits;
    public IReadOnlyList<CreditReasonGrant> Reasons => _reasons;

    /// <summary>Every reason code any tier may use.</summary>
    public IEnumerable<string> KnownReasonCodes => _reasons.Select(r => r.ReasonCode).Distinct(StringComparer.Ordinal);

    public static CreditAuthorityPolicy Create(
        int version, DateTimeOffset effectiveFrom, string createdBy, DateTimeOffset now,
        IEnumerable<CreditLimit> limits, IEnumerable<CreditReasonGrant> reasons)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(reasons);
        if (version < 1)
        {
            throw new DomainRuleException("credit_policy.bad_version", "A policy version starts at 1.");
        }

        var policy = new CreditAuthorityPolicy
        {
            Id = Guid.CreateVersion7(), Version = version, EffectiveFrom = effectiveFrom, CreatedBy = createdBy, CreatedAt = now,
        };
        foreach (var limit in limits)
        {
            if (policy._limits.Any(l => l.Tier == limit.Tier && l.Currency == limit.Currency))
            {
                throw new DomainRuleException("credit_policy.duplicate_limit", $"{limit.Tier} has two limits in {limit.Currency}.");
            }

            policy._limits.Add(limit);
        }

        policy._reasons.AddRange(reasons.DistinctBy(r => (r.Tier, r.ReasonCode)));
        return policy;
    }

    public CreditLimit? LimitFor(AgentTier tier, string currency) =>
        _limits.FirstOrDefault(l => l.Tier == tier && string.Equals(l.Currency, currency, StringComparison.OrdinalIgnoreCase));

    public bool Allows(AgentTier tier, string reasonCode) =>
        _reasons.Any(r => r.Tier == tier && string.Equals(r.ReasonCode, reasonCode, StringComparison.Ordinal));
}

/// <summary>One tier's limits in one currency.</summary>
public sealed record CreditLimit(AgentTier Tier, string Currency, decimal MaxSingle, decimal MaxPer30Days)
{
    public static CreditLimit Of(AgentTier tier, string currency, decimal maxSingle, decimal maxPer30Days)
    {
        if (maxSingle < 0 || maxPer30Days < 0)
        {
            throw new DomainRuleException("credit_policy.bad_limit", "Credit limits cannot be negative.");
        }

        return new CreditLimit(tier, currency.ToUpperInvariant(), maxSingle, maxPer30Days);
    }
}

/// <summary>A reason code one tier may credit for.</summary>
public sealed record CreditReasonGrant(AgentTier Tier, string ReasonCode);
