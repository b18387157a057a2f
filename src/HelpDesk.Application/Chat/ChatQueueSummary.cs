namespace HelpDesk.Application.Chat;

public sealed record ChatQueueSummary(int Waiting, IReadOnlyList<ChatQueueCount> ByQueue);
