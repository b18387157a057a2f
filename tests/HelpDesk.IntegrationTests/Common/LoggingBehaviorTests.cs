using System.Collections.Concurrent;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Testing;
using Microsoft.Extensions.Logging;

namespace HelpDesk.IntegrationTests.Common;

/// <summary>
/// The request log line's level says what happened: a request its caller cancelled (a closed connection, a worker's
/// command while the app stops) is not logged as a failure, which would page someone at every deployment; an
/// OperationCanceledException nobody asked for (a timeout inside the handler) and any other exception still are.
/// </summary>
public sealed class LoggingBehaviorTests
{
    private static readonly ClaimNextCase.Command Message = new("Portal-Tier1");

    [Fact]
    public async Task A_request_cancelled_by_its_caller_is_logged_as_cancelled_not_failed()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var (lines, behavior) = Behavior(new SystemUser("chat-sweeper"));

        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await behavior.Handle(Message, (_, ct) => ValueTask.FromException<ClaimNextCase.Result>(new OperationCanceledException(ct)), stop.Token));

        var line = lines.ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Information);
        line.Text.ShouldStartWith("Cancelled ClaimNextCase.Command for system:chat-sweeper after ");
        line.Exception.ShouldBeNull();
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_and_other_exceptions_are_failures()
    {
        var (lines, behavior) = Behavior(new TestIdentity { UserId = "user-1" });

        await Should.ThrowAsync<OperationCanceledException>(async () =>
            await behavior.Handle(Message, (_, _) => ValueTask.FromException<ClaimNextCase.Result>(new TaskCanceledException("a timeout inside")), CancellationToken.None));
        await Should.ThrowAsync<InvalidOperationException>(async () =>
            await behavior.Handle(Message, (_, _) => ValueTask.FromException<ClaimNextCase.Result>(new InvalidOperationException("boom")), CancellationToken.None));

        lines.Count.ShouldBe(2);
        lines.ShouldAllBe(l => l.Level == LogLevel.Error && l.Text.StartsWith("Failed ClaimNextCase.Command for user-1 after ", StringComparison.Ordinal));
        lines.Select(l => l.Exception?.GetType()).ToArray().ShouldBe(new Type?[] { typeof(TaskCanceledException), typeof(InvalidOperationException) });
    }

    private static (ConcurrentQueue<(LogLevel Level, string Text, Exception? Exception)> Lines, LoggingBehavior<ClaimNextCase.Command, ClaimNextCase.Result> Behavior) Behavior(
        HelpDesk.Application.Common.Abstractions.ICurrentUser user)
    {
        var lines = new ConcurrentQueue<(LogLevel, string, Exception?)>();
        return (lines, new LoggingBehavior<ClaimNextCase.Command, ClaimNextCase.Result>(new Collect<LoggingBehavior<ClaimNextCase.Command, ClaimNextCase.Result>>(lines), user));
    }

    private sealed class Collect<T>(ConcurrentQueue<(LogLevel, string, Exception?)> into) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            into.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
