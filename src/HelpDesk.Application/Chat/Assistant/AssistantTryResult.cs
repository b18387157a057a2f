using HelpDesk.Domain.Chat.Assistant;

namespace HelpDesk.Application.Chat.Assistant;

/// <summary>What the assistant would answer to a phrase, and which intent decided it (null: none matched).</summary>
public sealed record AssistantTryResult(string Phrase, string? MatchedIntent, AssistantReply Reply);
