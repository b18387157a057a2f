using System.Data.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// Innermost, commands only: one database transaction per command; the handler's changes (and later its
/// outbox messages) are saved and committed together, or not at all.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IHelpDeskDb db, SlaClock slaClock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await slaClock.RefreshChangedCasesAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
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
}
