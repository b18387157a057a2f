using System.Data.Common;
using HelpDesk.Application.Common.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// Innermost, commands only: one database transaction per command; the handler's changes (and later its
/// outbox messages) are saved and committed together, or not at all. The transaction runs inside the EF execution
/// strategy: when the database drops the connection (a restart, a failover) the whole command — handler included,
/// with a clean change tracker — runs again on a new connection (ADR 0110). A retried command re-reads everything, so
/// a request with an idempotency key that did commit before the failure finds its own result and replays it.
/// The behavior knows no feature: features take part through <see cref="ITransactionParticipant"/>s (ADR 0118).
/// </summary>
public sealed partial class TransactionBehavior<TMessage, TResponse>(
    IHelpDeskDb db, IEnumerable<ITransactionParticipant> participants, ILogger<TransactionBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private readonly ITransactionParticipant[] _participants = participants.OrderBy(p => p.Order).ToArray();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null || message is IOwnTransactions)
        {
            return await next(message, cancellationToken);
        }

        try
        {
            var attempt = 0;
            var response = await db.Database.CreateExecutionStrategy().ExecuteAsync(
                async ct =>
                {
                    if (attempt++ > 0)
                    {
                        // What the failed attempt tracked or collected never happened.
                        db.ChangeTracker.Clear();
                        Reset();
                    }

                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var result = await next(message, ct);
                    await BeforeSaveAsync(ct);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                },
                cancellationToken);
            await AfterCommitAsync();
            return response;
        }
        catch (Exception) when (Reset())
        {
            throw;
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else changed this case at the same time. Reload it and try again.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is DbException { SqlState: "23505" })
        {
            throw new ConcurrencyConflictException("This was already submitted. Reload to see the result.");
        }
    }

    /// <summary>
    /// Each participant looks at the tracked rows, and every look (<c>ChangeTracker.Entries</c>) makes EF compare every
    /// tracked row with its snapshot: a chat message's command did that about ten times (ADR 0126). Rows are added and
    /// changed in the AddRows and Derive stages, whose participants look with automatic detection as before; the Observe
    /// and Prune participants only read, so changes are detected once when the first of them begins and they look without
    /// detecting again. <c>SaveChanges</c> detects once more, as always.
    /// </summary>
    private async Task BeforeSaveAsync(CancellationToken cancellationToken)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        try
        {
            foreach (var participant in _participants)
            {
                if (participant.Order >= TransactionStage.Observe && tracker.AutoDetectChangesEnabled)
                {
                    tracker.DetectChanges();
                    tracker.AutoDetectChangesEnabled = false;
                }

                await participant.BeforeSaveAsync(db, cancellationToken);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task AfterCommitAsync()
    {
        // Best effort: the command has committed; a missed live update is repaired by the next refresh.
        foreach (var participant in _participants)
        {
            try
            {
                await participant.AfterCommitAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogAfterCommitFailed(ex, participant.GetType().Name, typeof(TMessage).Name);
            }
        }

        Reset();
    }

    private bool Reset()
    {
        foreach (var participant in _participants)
        {
            participant.Reset();
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "After {Command} committed, {Participant} failed")]
    private partial void LogAfterCommitFailed(Exception exception, string participant, string command);
}
