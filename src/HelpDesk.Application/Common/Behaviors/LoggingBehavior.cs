using System.Diagnostics;
using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// Outermost: one structured log line per request with who, what, how long and how it ended. Successful commands are
/// Information; successful queries, and a background worker's successful commands, are Debug (a page sends three or
/// four queries, and the HTTP request log line already says who asked for which page: ADR 0130). Refusals and failures
/// stay visible for every request; a request cancelled by its own token (the caller left, the app is stopping) is
/// Information, not a failure.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = RequestName(typeof(TMessage));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            // Workers send the same commands every few seconds, and every page reads through several queries: their
            // successes are Debug; commands from people, refusals and failures stay visible.
            var level = message is IBaseQuery || user.IsInRole(Roles.SystemWorker) ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                logger.Log(level, "Handled {Request} for {UserId} in {ElapsedMs:0.0} ms", name, user.UserId ?? user.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex) when (ex is ValidationException or DomainRuleException or NotFoundException or ForbiddenException or UnauthenticatedException or ConcurrencyConflictException)
        {
            logger.LogInformation("Refused {Request} for {UserId}: {Reason}", name, user.UserId ?? user.Name, ex.GetType().Name);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away (a closed page or connection) or the app is stopping (a worker's tick): nothing failed.
            logger.LogInformation("Cancelled {Request} for {UserId} after {ElapsedMs:0.0} ms", name, user.UserId ?? user.Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Failed {Request} for {UserId} after {ElapsedMs:0.0} ms", name, user.UserId ?? user.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    // OpenCase+Command -> OpenCase.Command
    private static string RequestName(Type type) =>
        type.DeclaringType is null ? type.Name : $"{type.DeclaringType.Name}.{type.Name}";
}
