namespace HelpDesk.Application.Chat;

/// <summary>The chat was handed to an agent ("chatAssigned" to that agent).</summary>
public sealed record ChatAssigned(Guid AgentId, ChatView Chat) : ChatEvent(Chat.Id);
