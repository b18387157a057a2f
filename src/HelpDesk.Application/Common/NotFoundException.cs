namespace HelpDesk.Application.Common;

/// <summary>The thing does not exist, or the caller may not know it exists.</summary>
public sealed class NotFoundException(string message) : Exception(message)
{
    public static NotFoundException Case(Guid id) => new($"Case {id} was not found.");
}
