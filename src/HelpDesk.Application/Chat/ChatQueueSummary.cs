using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record ChatQueueSummary(int Waiting, IReadOnlyList<ChatQueueCount> ByQueue);
