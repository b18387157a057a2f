namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>The virtual assistant engine (being built; the label is fixed now).</summary>
public sealed partial class VirtualAssistant
{
    /// <summary>The name shown on every assistant message. Never a human name.</summary>
    public const string Label = "Virtual assistant";
}
