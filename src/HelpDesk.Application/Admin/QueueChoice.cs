using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Application.Admin;

/// <summary>A queue a rule may send cases to.</summary>
public sealed record QueueChoice(string Name, AgentTier Tier, Channel? Channel, string Description);
