namespace HelpDesk.Application.Chat;

/// <summary>What starting a chat gives back; <see cref="AccessToken"/> only for guests, only this once.</summary>
public sealed record StartChatResult(ChatView Chat, string? AccessToken);
