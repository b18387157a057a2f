using HelpDesk.Domain.Chat.Assistant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Chat;

/// <summary>The virtual assistant as a singleton, configured from <c>HelpDesk:Chat:Assistant</c> (bound and checked at start-up by <c>AddInfrastructureOptions</c>).</summary>
public static class VirtualAssistantServices
{
    public static IServiceCollection AddVirtualAssistant(this IServiceCollection services)
    {
        services.AddSingleton(sp => new VirtualAssistant(sp.GetRequiredService<IOptions<VirtualAssistantOptions>>().Value));
        services.AddSingleton<IVirtualAssistant>(sp => sp.GetRequiredService<VirtualAssistant>());
        return services;
    }
}
