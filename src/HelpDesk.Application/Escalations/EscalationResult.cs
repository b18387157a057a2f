using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Escalations;

/// <summary>What an agent's escalation did: moved the case at once, or is waiting for a supervisor.</summary>
/// <param name="Applied">True when the case moved; false when the request waits for approval.</param>
public sealed record EscalationResult(EscalationView Request, bool Applied, AgentTier CaseTier, string Queue, bool CanWork);
