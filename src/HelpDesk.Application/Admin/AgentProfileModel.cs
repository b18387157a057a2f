using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Admin;

/// <summary>A member of staff's work profile and how many active cases they hold now.</summary>
/// <param name="ChatCapacity">Live chats the agent may hold at once (0: takes no chats).</param>
/// <param name="ActiveChats">Live chats the agent holds now.</param>
public sealed record AgentProfileModel(
    Guid Id, string Name, string Email, AgentTier Tier, IReadOnlyList<string> Skills, IReadOnlyList<string> Languages, int Capacity, int ActiveLoad,
    int ChatCapacity, int ActiveChats);
