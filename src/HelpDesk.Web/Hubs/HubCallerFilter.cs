using HelpDesk.Application.Common.Abstractions;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

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
