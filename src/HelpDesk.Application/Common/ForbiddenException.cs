namespace HelpDesk.Application.Common;

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
