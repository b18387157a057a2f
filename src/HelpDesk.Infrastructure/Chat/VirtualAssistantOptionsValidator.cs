using HelpDesk.Domain.Chat.Assistant;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Chat;

/// <summary>The assistant's own checks (intents, patterns and their timeouts, no human claims), run at start-up.</summary>
internal sealed class VirtualAssistantOptionsValidator : IValidateOptions<VirtualAssistantOptions>
{
    public ValidateOptionsResult Validate(string? name, VirtualAssistantOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
