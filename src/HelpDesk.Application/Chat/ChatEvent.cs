namespace HelpDesk.Application.Chat;

/// <summary>Something a chat's connected clients should hear, collected by a command and pushed after it commits.</summary>
public abstract record ChatEvent(Guid ChatId);
