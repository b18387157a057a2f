using HelpDesk.Application.Chat;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Web.Hubs;

/// <summary>Live chat's web side: the hub's sign-in (cookie, bearer or none), its limits and the realtime push.</summary>
internal static class ChatServices
{
    /// <summary>Reads the cookie or bearer token when there is one, and lets guests in without either.</summary>
    public const string ChatHubPolicy = "ChatHub";

    public static IServiceCollection AddHelpDeskChat(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddOptions<HubOptions<ChatHub>>().Configure<Microsoft.Extensions.Options.IOptions<ChatHubOptions>>((hub, limits) =>
            hub.MaximumReceiveMessageSize = Math.Max(1024, limits.Value.MaximumReceiveMessageSize));
        services.AddSingleton<ChatStartLimiter>();
        services.AddSingleton<ChatBroadcast>();
        services.AddSingleton<ChatCommandGate>();
        services.Replace(ServiceDescriptor.Singleton<IChatRealtime, SignalRChatRealtime>());
        services.AddAuthorizationBuilder().AddPolicy(ChatHubPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
            .RequireAssertion(_ => true));
        return services;
    }
}
