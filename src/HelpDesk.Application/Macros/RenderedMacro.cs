namespace HelpDesk.Application.Macros;

/// <summary>A macro filled in for one case: the reply text and the "why we ask this" to send with it.</summary>
public sealed record RenderedMacro(Guid MacroId, string Name, string Body, string? Explanation);
