using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Credits;

/// <summary>A reason code one tier may credit for on its own.</summary>
public sealed record CreditReasonModel(AgentTier Tier, string ReasonCode);
