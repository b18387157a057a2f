using HelpDesk.Application.Email;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// Every <see cref="OutboundEmailOptions.SendIntervalSeconds"/> sends <see cref="SendDueEmails"/> as the system, message
/// after message, until nothing is due (or <see cref="OutboundEmailOptions.MaxPerTick"/>). Safe on every node at once.
/// A failing tick is logged and tried again at the next one; it never stops the host.
/// </summary>
public sealed class EmailSenderService(IServiceScopeFactory scopes, IOptions<OutboundEmailOptions> options, ILogger<EmailSenderService> logger)
    : PeriodicWorker(logger)
{
    public const string WorkerName = "email-sender";

    protected override string DisplayName => "Email sender";

    protected override string IntervalSetting => OutboundEmailOptions.Section + ":SendIntervalSeconds";

    protected override int IntervalSeconds => options.Value.SendIntervalSeconds;

    private bool _notConfiguredLogged;

    protected override async Task TickAsync(CancellationToken stoppingToken)
    {
        var (sent, notConfigured) = await SendDueAsync(stoppingToken);
        if (notConfigured && !_notConfiguredLogged)
        {
            Logger.LogInformation("Email is not configured (no enabled mailbox with SMTP settings, no {Setting}); outgoing mail stays queued",
                OutboundEmailOptions.Section + ":Smtp:Host");
        }

        _notConfiguredLogged = notConfigured;
        if (sent > 0)
        {
            Logger.LogInformation("Email sender handled {Count} messages", sent);
        }
    }

    /// <summary>One tick: returns how many messages were taken and whether email is unconfigured.</summary>
    public async Task<(int Taken, bool NotConfigured)> SendDueAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        try
        {
            for (var i = 0; i < Math.Max(options.Value.MaxPerTick, 1); i++)
            {
                await using var scope = scopes.CreateSystemScope(WorkerName);
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendDueEmails.Command(), cancellationToken);
                if (result.Outcome == SendDueEmails.Outcome.NotConfigured)
                {
                    return (taken, true);
                }

                if (!result.Taken)
                {
                    break;
                }

                taken++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Email sender tick failed after {Taken} messages; it is retried at the next tick", taken);
        }

        return (taken, false);
    }
}
