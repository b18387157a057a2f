using System.Collections.Concurrent;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>How often open hub connections are checked against their sign-in session (<c>HelpDesk:Realtime</c>).</summary>
public sealed class HubSessionOptions
{
    public const string Section = "HelpDesk:Realtime";

    /// <summary>
    /// Seconds between checks of every signed-in hub connection; a connection whose session was signed out, revoked, or
    /// ended by a password or security-stamp change is closed. 0 turns the periodic check off (each hub call is still
    /// checked). Default 30.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 30;
}

/// <summary>
/// A SignalR connection outlives the HTTP request that opened it, so signing out (or "everywhere", or a password
/// change) must close it too (issue 14): every hub call of a signed-in caller checks the session first, and this
/// service checks the open connections on a timer and aborts those whose session ended — so pushed notifications stop
/// as well. Guests (anonymous chat) have no session and are not tracked.
/// </summary>
public sealed class HubSessionWatch(IServiceScopeFactory scopes, IOptions<HubSessionOptions> options, ILogger<HubSessionWatch> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public void Track(HubCallerContext context)
    {
        if (context.User?.Identity?.IsAuthenticated == true)
        {
            _connections[context.ConnectionId] = context;
        }
    }

    public void Forget(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    /// <summary>
    /// Whether the caller's session is still on; aborts the connection when it is not — after <paramref name="grace"/>,
    /// so a hub call's refusal reaches the client before the connection goes.
    /// </summary>
    public async Task<bool> IsCurrentAsync(HubCallerContext context, CancellationToken cancellationToken, TimeSpan grace = default)
    {
        if (context.User?.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<SessionStore>().IsCurrentAsync(context.User, cancellationToken))
        {
            return true;
        }

        logger.LogInformation("Closing hub connection {ConnectionId} of {User}: its sign-in session has ended", context.ConnectionId, context.UserIdentifier);
        Forget(context);
        if (grace <= TimeSpan.Zero)
        {
            context.Abort();
        }
        else
        {
            _ = Task.Delay(grace, CancellationToken.None).ContinueWith(_ => context.Abort(), TaskScheduler.Default);
        }

        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SessionCheckSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the next tick (or the next hub call) checks again.
                logger.LogWarning(ex, "Could not check the sessions of {Count} hub connections", _connections.Count);
            }
        }
    }

    /// <summary>
    /// Checks every tracked connection: one query per <see cref="CheckChunk"/> distinct sessions (an agent's console,
    /// chat and case tabs share one), then closes the connections whose session ended.
    /// </summary>
    public async Task<int> CheckAllAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SessionStore>();
        var bySession = _connections.Values
            .GroupBy(c => c.User is { } user ? store.KeyOf(user) : null)
            .ToList();
        var closed = 0;
        foreach (var chunk in bySession.Where(g => g.Key is not null).Chunk(CheckChunk))
        {
            var current = await store.CurrentAsync(chunk.Select(g => g.Key!).ToList(), cancellationToken);
            foreach (var ended in chunk.Where(g => !current.Contains(g.Key!)))
            {
                closed += Close(ended);
            }
        }

        // A signed-in connection without a session claim can never be current.
        return closed + bySession.Where(g => g.Key is null).Sum(Close);
    }

    private const int CheckChunk = 500;

    private int Close(IEnumerable<HubCallerContext> connections)
    {
        var count = 0;
        foreach (var context in connections)
        {
            logger.LogInformation("Closing hub connection {ConnectionId} of {User}: its sign-in session has ended", context.ConnectionId, context.UserIdentifier);
            Forget(context);
            context.Abort();
            count++;
        }

        return count;
    }
}
