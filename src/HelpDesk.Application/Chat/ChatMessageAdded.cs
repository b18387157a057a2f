namespace HelpDesk.Application.Chat;

/// <summary>A new message ("chatMessage").</summary>
public sealed record ChatMessageAdded(ChatMessageView Message) : ChatEvent(Message.ChatId);
