using System.Text.Json.Serialization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace HelpDesk.Web.Hubs;

/// <summary>SignalR for the agent console: the hub, its sign-in rules, the realtime publisher and the Redis backplane.</summary>
internal static class RealtimeServices
{
    /// <summary>Staff signed in by cookie (pages) or bearer token (API clients).</summary>
    public const string StaffHubPolicy = "StaffHub";

    public static IServiceCollection AddHelpDeskRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR(options => options.AddFilter<HubCallerFilter>())
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("helpdesk"));
        }

        services.AddSingleton<HubCallerFilter>();
        services.AddSingleton<HubSessionWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionWatch>());
        // Picked up by Serilog's ReadFrom.Services (Program.cs).
        services.AddSingleton<Serilog.Core.ILogEventFilter, RefusedHubCallLogFilter>();
        services.AddHelpDeskChat();
        services.Replace(ServiceDescriptor.Singleton<IRealtimePublisher, SignalRRealtimePublisher>());
        services.AddAuthorizationBuilder().AddPolicy(StaffHubPolicy, policy => policy
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
            .RequireRole(Roles.Agent, Roles.Supervisor)
            .RequireClaim(HelpDeskClaims.AgentId));

        // Browsers cannot put a bearer token in a WebSocket request's headers; SignalR sends it as access_token.
        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            var received = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await received(context);
                if (context.Token is null && IsHub(context.Request) && context.Request.Query.TryGetValue("access_token", out var token))
                {
                    context.Token = token.ToString();
                }
            };
        });

        // A hub is called by scripts, not people: answer 401/403 instead of redirecting to the sign-in page.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsHub(context.Request) ? Status(context.Response, StatusCodes.Status401Unauthorized) : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsHub(context.Request) ? Status(context.Response, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        return services;
    }

    public static void MapHelpDeskHubs(this IEndpointRouteBuilder app)
    {
        app.MapHub<AgentHub>(AgentHub.Path);
        app.MapHub<ChatHub>(ChatHub.Path);
    }

    private static bool IsHub(HttpRequest request) => request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
