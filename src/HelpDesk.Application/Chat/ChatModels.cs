using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

// The payloads of ChatHub and /api/v1/chats (ADR 0106). Keep names stable: the portal widget and the agent console use them.

public sealed record ChatStepView(string Instruction, string Why);

public sealed record ChatMessageView(
    Guid ChatId,
    long Seq,
    Guid? ClientMessageId,
    ChatAuthorKind AuthorKind,
    string DisplayName,
    string Text,
    IReadOnlyList<ChatStepView> Steps,
    bool OffersPerson,
    DateTimeOffset At);

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

/// <summary>What starting a chat gives back; <see cref="AccessToken"/> only for guests, only this once.</summary>
public sealed record StartChatResult(ChatView Chat, string? AccessToken);

/// <summary>The delivery acknowledgement of a sent message (the same for a retry with the same client message id).</summary>
public sealed record ChatAck(Guid ChatId, Guid ClientMessageId, long Seq, DateTimeOffset At, bool Duplicate);

public sealed record QueuePositionView(Guid ChatId, int Position, int EstimatedWaitSeconds);

public sealed record TypingView(Guid ChatId, ChatAuthorKind AuthorKind, string DisplayName, bool IsTyping);

public sealed record ChatQueueCount(AgentTier Tier, string Language, int Waiting);

public sealed record ChatQueueSummary(int Waiting, IReadOnlyList<ChatQueueCount> ByQueue);

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

/// <summary>The chats waiting that the agent may accept, and how many the agent holds of how many they may.</summary>
public sealed record ChatQueueView(IReadOnlyList<ChatQueueItem> Chats, int Capacity, int Active);

/// <summary>The callback details when a subscriber takes the offered callback (as <c>RequestCallback</c> wants them).</summary>
public sealed record CallbackChoice(string Phone, DateOnly Date, TimeOnly From, TimeOnly To, string TimeZone, string? Topic);
