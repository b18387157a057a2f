using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record ChatQueueItem(
    Guid Id,
    Guid CaseId,
    string CaseNumber,
    string DisplayName,
    bool IsGuest,
    string Language,
    AgentTier Tier,
    CasePriority Priority,
    CaseCategory? Category,
    string? IntentKey,
    ChatState State,
    int Position,
    DateTimeOffset QueuedAt,
    int WaitingSeconds,
    string? LastSubscriberText);
