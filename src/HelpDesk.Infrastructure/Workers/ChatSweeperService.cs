using HelpDesk.Application.Chat;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="ChatOptions.SweepIntervalSeconds"/> sends <see cref="OfferChatFallbacks"/> as the system: queued chats
/// nobody accepted in time are offered a callback or an email reply. Safe on every node at once (SKIP LOCKED).
/// </summary>
public sealed class ChatSweeperService(IServiceScopeFactory scopes, IOptions<ChatOptions> options, ILogger<ChatSweeperService> logger) : BackgroundService
{
    public const string WorkerName = "chat-sweeper";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SweepIntervalSeconds;
        if (seconds <= 0)
        {
            logger.LogInformation("Chat sweeper is off on this node ({Setting} = {Seconds})", ChatOptions.Section + ":SweepIntervalSeconds", seconds);
            return;
        }

        await Task.Yield();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One tick. Returns how many chats were offered the fallback.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateSystemScope(WorkerName);
            var offered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new OfferChatFallbacks.Command(), cancellationToken);
            if (offered > 0)
            {
                logger.LogInformation("Chat sweeper offered a callback or email to {Count} waiting chats", offered);
            }

            return offered;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Chat sweep failed; it is retried at the next tick");
            return 0;
        }
    }
}
