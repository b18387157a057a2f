namespace HelpDesk.Application.Common;

/// <summary>The thing does not exist, or the caller may not know it exists.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException Case(Guid id) => new($"Case {id} was not found.");
}

/// <summary>The caller is known but not allowed to do this.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>Not signed in.</summary>
public sealed class UnauthenticatedException() : Exception("You must sign in to do this.");

/// <summary>Someone else changed the same record first.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
