using FluentValidation;
using Mediator;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>Checks the request's text (<see cref="TextInput"/>), runs every FluentValidation validator for the request and refuses it with all field errors at once.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Control characters and NUL are refused in every request, whether or not it has a validator (issue 14).
        var failures = new List<FluentValidation.Results.ValidationFailure>(TextInput.Check(message));
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}
