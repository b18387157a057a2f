using HelpDesk.Application.Chat;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="ChatOptions.SweepIntervalSeconds"/> sends <see cref="OfferChatFallbacks"/> as the system: queued chats
/// nobody accepted in time are offered a callback or an email reply. Safe on every node at once (SKIP LOCKED).
/// </summary>
public sealed class ChatSweeperService(IServiceScopeFactory scopes, IOptions<ChatOptions> options, ILogger<ChatSweeperService> logger) : PeriodicWorker(logger)
{
    public const string WorkerName = "chat-sweeper";

    protected override string DisplayName => "Chat sweeper";

    protected override string IntervalSetting => ChatOptions.Section + ":SweepIntervalSeconds";

    protected override int IntervalSeconds => options.Value.SweepIntervalSeconds;

    protected override Task TickAsync(CancellationToken stoppingToken) => SweepAsync(stoppingToken);

    /// <summary>One tick. Returns how many chats were offered the fallback.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateSystemScope(WorkerName);
            var offered = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new OfferChatFallbacks.Command(), cancellationToken);
            if (offered > 0)
            {
                Logger.LogInformation("Chat sweeper offered a callback or email to {Count} waiting chats", offered);
            }

            return offered;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Chat sweep failed; it is retried at the next tick");
            return 0;
        }
    }
}
