using FluentValidation;
using FluentValidation.Results;
using HelpDesk.Application.Common;

namespace HelpDesk.Application.Admin;

internal static class AdminErrors
{
    public static NotFoundException Rule(int id) => new($"Routing rule {id} was not found.");

    public static NotFoundException Policy(Guid id) => new($"SLA policy {id} was not found.");

    public static NotFoundException Agent(Guid id) => new($"Agent {id} was not found.");

    /// <summary>A field error found by the handler (it needed the database), reported like the validator's.</summary>
    public static ValidationException Field(string property, string message) => new([new ValidationFailure(property, message)]);
}
