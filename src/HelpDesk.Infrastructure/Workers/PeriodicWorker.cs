using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// A background worker that runs one tick right after the host started and then every <see cref="IntervalSeconds"/>,
/// off on this node when the interval is 0 or less. A tick that fails is logged and tried again at the next one; it
/// never stops the host. Each tick sends commands as the system (<see cref="SystemScope"/>), so several nodes can run
/// the same worker at once (the commands lease their rows with SKIP LOCKED).
/// </summary>
public abstract class PeriodicWorker(ILogger logger) : BackgroundService
{
    protected ILogger Logger { get; } = logger;

    /// <summary>How the worker is named in log lines ("SLA sweeper").</summary>
    protected abstract string DisplayName { get; }

    /// <summary>The configuration key of the interval, for the "off" log line.</summary>
    protected abstract string IntervalSetting { get; }

    protected abstract int IntervalSeconds { get; }

    /// <summary>One tick. Expected failures are logged inside with their context; anything else is logged here.</summary>
    protected abstract Task TickAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = IntervalSeconds;
        if (seconds <= 0)
        {
            Logger.LogInformation("{Worker} is off on this node ({Setting} = {Seconds})", DisplayName, IntervalSetting, seconds);
            return;
        }

        // Let the host finish starting before the first tick.
        await Task.Yield();
        Logger.LogInformation("{Worker} started: every {Seconds} s", DisplayName, seconds);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
            do
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Logger.LogError(ex, "{Worker} tick failed; it is retried at the next tick", DisplayName);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        Logger.LogInformation("{Worker} stopped", DisplayName);
    }
}
