namespace HelpDesk.Application.Chat;

/// <summary>The chat's state changed ("chatState").</summary>
public sealed record ChatStateChanged(ChatView Chat) : ChatEvent(Chat.Id);
