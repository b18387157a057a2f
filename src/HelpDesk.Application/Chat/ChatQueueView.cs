namespace HelpDesk.Application.Chat;

/// <summary>The chats waiting that the agent may accept, and how many the agent holds of how many they may.</summary>
public sealed record ChatQueueView(IReadOnlyList<ChatQueueItem> Chats, int Capacity, int Active);
