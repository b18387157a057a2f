using HelpDesk.Application.Incidents;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="IncidentNoticeOptions.NoticeIntervalSeconds"/> works running incident notices batch after batch
/// (<see cref="SendIncidentNoticeBatch"/>, as the system) until none is left. Safe on every node at once; after a
/// restart it carries on where the last committed batch ended (ADR 0115). Approved incident credits are issued the
/// same way (ADR 0116).
/// </summary>
public sealed class IncidentNoticeService(IServiceScopeFactory scopes, IOptions<IncidentNoticeOptions> options, ILogger<IncidentNoticeService> logger)
    : PeriodicWorker(logger)
{
    public const string WorkerName = "incident-notices";

    protected override string DisplayName => "Incident notice worker";

    protected override string IntervalSetting => IncidentNoticeOptions.Section + ":NoticeIntervalSeconds";

    protected override int IntervalSeconds => options.Value.NoticeIntervalSeconds;

    protected override Task TickAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>Batches until no running notice is left (or <paramref name="maxBatches"/>); returns the emails queued.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken, int maxBatches = int.MaxValue)
    {
        var queued = 0;
        try
        {
            for (var i = 0; i < maxBatches; i++)
            {
                await using var scope = scopes.CreateSystemScope(WorkerName);
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new SendIncidentNoticeBatch.Command(options.Value.NoticeBatchSize), cancellationToken);
                if (!result.Worked)
                {
                    break;
                }

                queued += result.Queued;
                if (result.Finished)
                {
                    Logger.LogInformation("Incident notice {NoticeId} finished", result.NoticeId);
                }
            }

            // Approved goodwill credits for everyone affected (ADR 0116), batch after batch the same way.
            for (var i = 0; i < maxBatches; i++)
            {
                await using var scope = scopes.CreateSystemScope(WorkerName);
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>()
                    .Send(new IssueIncidentCreditBatch.Command(options.Value.NoticeBatchSize), cancellationToken);
                if (!result.Worked)
                {
                    break;
                }

                if (result.Finished)
                {
                    Logger.LogInformation("Incident credit {RunId} finished", result.RunId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Incident notice batch failed after {Queued} emails; it is retried at the next tick", queued);
        }

        return queued;
    }
}
