using HelpDesk.Application.Sla;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="SlaSweeperOptions.SweepIntervalSeconds"/> sends <see cref="SweepSla"/> as the system, batch after batch
/// until one comes back empty. Safe on every node at once (the command skips rows another node holds). A failed sweep is
/// logged and tried again at the next tick; it never stops the host.
/// </summary>
public sealed class SlaSweeperService(IServiceScopeFactory scopes, IOptions<SlaSweeperOptions> options, ILogger<SlaSweeperService> logger)
    : BackgroundService
{
    public const string WorkerName = "sla-sweeper";

    /// <summary>A tick stops after this many full batches so a flood of due cases cannot starve the next tick's log line.</summary>
    private const int MaxBatchesPerTick = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepIntervalSeconds;
        if (seconds <= 0)
        {
            logger.LogInformation("SLA sweeper is off on this node ({Setting} = {Seconds})", SlaSweeperOptions.Section + ":SweepIntervalSeconds", seconds);
            return;
        }

        // Let the host finish starting before the first sweep.
        await Task.Yield();
        logger.LogInformation("SLA sweeper started: every {Seconds} s, {BatchSize} cases per batch", seconds, options.Value.BatchSize);
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
            do
            {
                await SweepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        logger.LogInformation("SLA sweeper stopped");
    }

    /// <summary>One tick: batches until nothing is due. Returns the totals (for tests and logs).</summary>
    public async Task<SweepSla.Result> SweepAsync(CancellationToken cancellationToken)
    {
        var total = SweepSla.Result.Empty;
        try
        {
            for (var batch = 0; batch < MaxBatchesPerTick; batch++)
            {
                await using var scope = scopes.CreateSystemScope(WorkerName);
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var result = await mediator.Send(new SweepSla.Command(options.Value.BatchSize), cancellationToken);
                if (result.Taken == 0)
                {
                    break;
                }

                total = new SweepSla.Result(
                    total.Taken + result.Taken, total.Warnings + result.Warnings, total.Breaches + result.Breaches,
                    total.FollowUpsMissed + result.FollowUpsMissed, total.AutoClosed + result.AutoClosed, total.Notifications + result.Notifications);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "SLA sweep failed after {Taken} cases; it is retried at the next tick", total.Taken);
        }

        if (total.RaisedAnything)
        {
            logger.LogInformation(
                "SLA sweep raised {Warnings} warnings and {Breaches} breaches, marked {FollowUpsMissed} follow-ups missed, closed {AutoClosed} cases and sent {Notifications} notifications",
                total.Warnings, total.Breaches, total.FollowUpsMissed, total.AutoClosed, total.Notifications);
        }

        return total;
    }
}
