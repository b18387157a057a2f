using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Hosting;
using Npgsql;

namespace HelpDesk.Web.Security;

/// <summary>
/// Listens on one dedicated connection for the database's announcements that a session was revoked or a user's stamp or
/// deactivation changed (<see cref="SessionCheckCache.Channel"/>; the triggers are in the <c>SessionChangeNotices</c>
/// migration) and makes the node's <see cref="SessionCheckCache"/> forget that user's answers. The cache reuses answers
/// only while this connection is up: when it drops, everything is forgotten and every request asks the database again
/// until the listener is back (ADR 0133).
/// </summary>
public sealed class SessionChangeListener(SessionCheckCache cache, DatabaseSettings database, ILogger<SessionChangeListener> logger) : BackgroundService
{
    /// <summary>How often the connection is probed while idle, so a dead one is noticed (and the cache stopped) within seconds.</summary>
    private const int KeepaliveSeconds = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The session change listener lost its database connection; sessions are checked in the database on every request until it is back (retry in {Seconds} s)",
                    retry.TotalSeconds);
            }
            finally
            {
                cache.StoppedListening();
            }

            try
            {
                await Task.Delay(retry, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromSeconds(Math.Min(retry.TotalSeconds * 2, 30));
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString
            ?? throw new InvalidOperationException("The database has not been chosen yet."))
        {
            Pooling = false,
            KeepAlive = KeepaliveSeconds,
            ApplicationName = "helpdesk-session-listener",
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        var probe = $"probe:{Guid.NewGuid():N}";
        var heard = false;
        connection.Notification += (_, notice) =>
        {
            if (notice.Payload == probe)
            {
                heard = true; // raised inside this connection's own command or WaitAsync below
            }
            else if (notice.Payload == "*")
            {
                cache.ForgetAll();
            }
            else
            {
                cache.Forget(notice.Payload);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {SessionCheckCache.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        await using (var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @probe)", connection))
        {
            notify.Parameters.AddWithValue("channel", SessionCheckCache.Channel);
            notify.Parameters.AddWithValue("probe", probe);
            await notify.ExecuteNonQueryAsync(stoppingToken);
        }

        // The listener's own probe must come back before any answer is reused: a connection that cannot hear never turns
        // the cache on. (PgBouncer in transaction mode cannot carry LISTEN at all; ADR 0133 says to turn the cache off there.)
        using (var probing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            probing.CancelAfter(TimeSpan.FromSeconds(10));
            while (!heard)
            {
                try
                {
                    await connection.WaitAsync(probing.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    throw new TimeoutException("The session change listener did not hear its own probe within 10 s (behind a pooler in transaction mode? Then set HelpDesk:Auth:SessionCheckCacheSeconds to 0)");
                }
            }
        }

        cache.StartedListening();
        logger.LogDebug("Listening for session changes on {Channel}", SessionCheckCache.Channel);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }
}
