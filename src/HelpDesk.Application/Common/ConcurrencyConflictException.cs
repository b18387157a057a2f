namespace HelpDesk.Application.Common;

/// <summary>Someone else changed the same record first.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
