using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record ChatQueueCount(AgentTier Tier, string Language, int Waiting);
