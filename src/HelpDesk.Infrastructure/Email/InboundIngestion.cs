using System.Net.Sockets;
using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Workers;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Runs <see cref="IngestEmail"/> as the system for the IMAP poller and the inbound endpoint. When a message itself makes
/// the ingest fail (anything but cancellation or an unreachable database), it is stored once more as "failed" with its raw
/// bytes, so it shows on the ignored-mail page instead of failing every retry (a poison message) or answering 500.
/// </summary>
public static class InboundIngestion
{
    public static async Task<IngestEmail.Result> IngestAsync(
        this IServiceScopeFactory scopes, IngestEmail.Command command, string worker, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateSystemScope(worker);
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
        }
        catch (Exception ex) when (!IsTransient(ex, cancellationToken))
        {
            logger.LogError(ex, "Ingesting an inbound email ({Bytes} bytes from {Source}) failed; keeping it as failed", command.RawMime.Length, command.Source);
            await using var scope = scopes.CreateSystemScope(worker);
            var failure = $"{ex.GetType().Name}: {ex.Message}";
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                command with { Failure = failure.Length > 1000 ? failure[..1000] : failure }, cancellationToken);
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException || cancellationToken.IsCancellationRequested
        || ex is NpgsqlException { IsTransient: true } || ex is TimeoutException or SocketException or OutOfMemoryException
        || (ex.InnerException is { } inner && IsTransient(inner, cancellationToken));
}
