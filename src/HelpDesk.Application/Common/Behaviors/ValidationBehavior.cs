using FluentValidation;
using Mediator;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>Checks the request's text (<see cref="TextInput"/>), runs every FluentValidation validator for the request and refuses it with all field errors at once.</summary>
/// <remarks>
/// A chat participant's command checked on the locked chat (<see cref="Security.IChatParticipantLockedCommand"/>, ADR 0129)
/// is validated right after that check, so its caller is refused as "not found" before being told what is wrong with
/// the request, as every other request (authorization first).
/// </remarks>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators, Chat.ChatParticipantCheck chatParticipants)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is Security.IChatParticipantLockedCommand)
        {
            chatParticipants.ValidateAfterCheck(ct => ValidateAsync(message, ct));
        }
        else
        {
            await ValidateAsync(message, cancellationToken);
        }

        return await next(message, cancellationToken);
    }

    private async ValueTask ValidateAsync(TMessage message, CancellationToken cancellationToken)
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
    }
}
