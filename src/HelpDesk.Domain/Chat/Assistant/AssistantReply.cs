namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>One turn of the virtual assistant in a chat.</summary>
public sealed record AssistantReply(
    string Label,                         // always VirtualAssistant.Label = "Virtual assistant"
    string Text,
    IReadOnlyList<AssistantStep> Steps,   // troubleshooting steps, each with why it helps
    string? IntentKey,                    // e.g. "sign-in", "payment-failed", null when not recognised
    HelpDesk.Domain.Cases.CaseCategory? Category,
    bool HandOff,                         // true: put the chat in the human queue now (sensitive intent, or asked for a person)
    bool OffersPerson);                   // always true: "Talk to a person" on every turn
