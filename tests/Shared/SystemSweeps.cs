using HelpDesk.Application.Sla;
using HelpDesk.Infrastructure.Workers;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Testing;

/// <summary>Runs the SLA sweeper the way the worker does (as the system, batch after batch), without swallowing errors.</summary>
public static class SystemSweeps
{
    public static async Task<SweepSla.Result> SweepUntilDoneAsync(this IServiceProvider services, int batchSize = SweepSla.DefaultBatchSize)
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var total = SweepSla.Result.Empty;
        for (var i = 0; i < 1000; i++)
        {
            await using var scope = scopes.CreateSystemScope("test-sweeper");
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepSla.Command(batchSize));
            if (result.Taken == 0)
            {
                return total;
            }

            total = new SweepSla.Result(
                total.Taken + result.Taken, total.Warnings + result.Warnings, total.Breaches + result.Breaches,
                total.FollowUpsMissed + result.FollowUpsMissed, total.AutoClosed + result.AutoClosed, total.Notifications + result.Notifications);
        }

        throw new InvalidOperationException("The sweeper kept finding work after 1000 batches.");
    }
}
