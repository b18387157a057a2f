namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>One troubleshooting step the virtual assistant suggests, with why it helps.</summary>
public sealed record AssistantStep(string Instruction, string Why);
