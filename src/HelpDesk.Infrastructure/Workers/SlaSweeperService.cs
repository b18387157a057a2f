using HelpDesk.Application.Sla;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="SlaSweeperOptions.SweepIntervalSeconds"/> sends <see cref="SweepSla"/> as the system, batch after batch
/// until one comes back empty. Safe on every node at once (the command skips rows another node holds). A failed sweep is
/// logged and tried again at the next tick; it never stops the host.
/// </summary>
public sealed class SlaSweeperService(IServiceScopeFactory scopes, IOptions<SlaSweeperOptions> options, ILogger<SlaSweeperService> logger)
    : PeriodicWorker(logger)
{
    public const string WorkerName = "sla-sweeper";

    /// <summary>A tick stops after this many full batches so a flood of due cases cannot starve the next tick's log line.</summary>
    private const int MaxBatchesPerTick = 50;

    protected override string DisplayName => "SLA sweeper";

    protected override string IntervalSetting => SlaSweeperOptions.Section + ":SweepIntervalSeconds";

    protected override int IntervalSeconds => options.Value.SweepIntervalSeconds;

    protected override Task TickAsync(CancellationToken stoppingToken) => SweepAsync(stoppingToken);

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
            Logger.LogError(ex, "SLA sweep failed after {Taken} cases; it is retried at the next tick", total.Taken);
        }

        if (total.RaisedAnything)
        {
            Logger.LogInformation(
                "SLA sweep raised {Warnings} warnings and {Breaches} breaches, marked {FollowUpsMissed} follow-ups missed, closed {AutoClosed} cases and sent {Notifications} notifications",
                total.Warnings, total.Breaches, total.FollowUpsMissed, total.AutoClosed, total.Notifications);
        }

        return total;
    }
}
