using System.Text.Json.Serialization;
using HelpDesk.Application;
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

/// <summary>
/// Hub methods run outside the HTTP request's async flow, so <see cref="IHttpContextAccessor"/> is empty there.
/// This puts the connection's HTTP context back for each call, so <see cref="ICurrentUser"/> (and with it the
/// command layer's authorization) sees the connected user.
/// </summary>
internal sealed class HubCallerFilter(IHttpContextAccessor accessor, HubSessionWatch sessions, ILogger<HubCallerFilter> logger) : IHubFilter
{
    // Case presence (AgentHub.Typing), chat typing (ChatHub.Typing, AgentHub.ChatTyping).
    private static bool IsTyping(string method) => method is nameof(AgentHub.Typing) or nameof(AgentHub.ChatTyping);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        sessions.Track(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        sessions.Forget(context.Context);
        await next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        if (accessor.HttpContext is null && invocationContext.Context.GetHttpContext() is { } http)
        {
            accessor.HttpContext = http;
        }

        try
        {
            // A connection opened before its session was signed out (or revoked) must not act for anyone. Typing
            // indicators (several a second while someone types, and carrying nothing) are left to the periodic check.
            if (!IsTyping(invocationContext.HubMethodName) && !await sessions.IsCurrentAsync(invocationContext.Context, invocationContext.Context.ConnectionAborted, TimeSpan.FromMilliseconds(500)))
            {
                throw new HubException("Your session has ended. Sign in again.");
            }

            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            // A refused call is the caller's mistake, not the server's: one warning line, no stack trace. SignalR's own
            // error line for it is dropped by RefusedHubCallLogFilter.
            logger.LogWarning("Refused hub call {Hub}.{Method} for {User}: {Reason}",
                invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, invocationContext.Context.UserIdentifier ?? "anonymous", ex.Message);
            throw;
        }
    }
}

/// <summary>
/// Drops SignalR's "Failed to invoke hub method" error (with its stack trace) when the method refused the call with a
/// <see cref="HubException"/>; <see cref="HubCallerFilter"/> has logged it as a warning. Real failures still log as errors.
/// </summary>
internal sealed class RefusedHubCallLogFilter : Serilog.Core.ILogEventFilter
{
    public bool IsEnabled(Serilog.Events.LogEvent logEvent) =>
        !(logEvent is { Level: >= Serilog.Events.LogEventLevel.Error, Exception: HubException }
          && logEvent.Properties.TryGetValue("SourceContext", out var source)
          && source.ToString().Contains("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));
}
