using HelpDesk.Application;
using HelpDesk.Domain.Chat.Assistant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Chat;

/// <summary>The virtual assistant as a singleton, configured from <c>HelpDesk:Chat:Assistant</c> and checked at start-up.</summary>
public static class VirtualAssistantServices
{
    public static IServiceCollection AddVirtualAssistant(this IServiceCollection services)
    {
        services.AddValidatedOptions<VirtualAssistantOptions>(VirtualAssistantOptions.Section);
        services.AddSingleton<IValidateOptions<VirtualAssistantOptions>, VirtualAssistantOptionsValidator>();
        services.AddSingleton(sp => new VirtualAssistant(sp.GetRequiredService<IOptions<VirtualAssistantOptions>>().Value));
        services.AddSingleton<IVirtualAssistant>(sp => sp.GetRequiredService<VirtualAssistant>());
        return services;
    }

    private sealed class VirtualAssistantOptionsValidator : IValidateOptions<VirtualAssistantOptions>
    {
        public ValidateOptionsResult Validate(string? name, VirtualAssistantOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
