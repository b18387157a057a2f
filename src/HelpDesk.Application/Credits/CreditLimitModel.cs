using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Credits;

/// <summary>One tier's limits in one currency, as the policy editor and the API see them.</summary>
public sealed record CreditLimitModel(AgentTier Tier, string Currency, decimal MaxSingle, decimal MaxPer30Days);
