using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

// The payloads of ChatHub and /api/v1/chats (ADR 0106: ChatView, ChatMessageView, ChatAck, QueuePositionView, TypingView,
// ChatQueueView...). Keep names stable: the portal widget and the agent console use them.

/// <summary>A chat as its participant or staff see it; <see cref="Messages"/> holds those after the asked-for seq.</summary>
public sealed record ChatView(
    Guid Id,
    Guid? CaseId,
    string? CaseNumber,
    ChatState State,
    bool IsGuest,
    string DisplayName,
    string Language,
    AgentTier? Tier,
    Guid? AgentId,
    string? AgentName,
    CaseCategory? Category,
    string? IntentKey,
    int? Position,
    int? EstimatedWaitSeconds,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? EndedAt,
    ChatFallbackReason? FallbackReason,
    ChatFallbackChoice? FallbackChoice,
    int? Rating,
    string? RatingComment,
    bool CanRate,
    long LastSeq,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ChatMessageView> Messages);
