using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Chat;

public sealed record ChatQueueCount(AgentTier Tier, string Language, int Waiting);
