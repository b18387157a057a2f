using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat.Assistant;

namespace HelpDesk.Application.Chat.Assistant;

/// <summary>A configured intent as administrators see it.</summary>
public sealed record AssistantIntentModel(
    string Key,
    string? Title,
    IReadOnlyList<string> Patterns,
    string Answer,
    IReadOnlyList<AssistantStep> Steps,
    CaseCategory? Category,
    bool Sensitive,
    bool HandOff)
{
    public static AssistantIntentModel From(AssistantIntentOptions intent) => new(
        intent.Key!.Trim(),
        intent.Title?.Trim(),
        intent.Patterns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList(),
        intent.Answer!.Trim(),
        intent.Steps.Select(s => new AssistantStep(s.Instruction!.Trim(), s.Why!.Trim())).ToList(),
        intent.Category,
        intent.Sensitive,
        intent.Sensitive || intent.HandOff);
}
