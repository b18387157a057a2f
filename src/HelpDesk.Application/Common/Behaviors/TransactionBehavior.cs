using System.Data.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// Innermost, commands only: one database transaction per command; the handler's changes (and later its
/// outbox messages) are saved and committed together, or not at all. The transaction runs inside the EF execution
/// strategy: when the database drops the connection (a restart, a failover) the whole command — handler included,
/// with a clean change tracker — runs again on a new connection (ADR 0110). A retried command re-reads everything, so
/// a request with an idempotency key that did commit before the failure finds its own result and replays it.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IHelpDeskDb db, SlaClock slaClock, ChangeFeed feed, IRealtimePublisher publisher, Chat.ChatFeed chatFeed, Chat.IChatRealtime chatRealtime,
    Incidents.IncidentCaseLinker incidentLinker)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
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
                        // What the failed attempt tracked or queued for publishing never happened.
                        db.ChangeTracker.Clear();
                        Clear();
                    }

                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var result = await next(message, ct);
                    await incidentLinker.LinkNewCasesAsync(ct);
                    await slaClock.RefreshChangedCasesAsync(ct);
                    RecordTrackedChanges();
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                },
                cancellationToken);
            await PublishAsync();
            return response;
        }
        catch (Exception) when (Clear())
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

    private void RecordTrackedChanges()
    {
        // An audit row that changed nothing is not written.
        foreach (var entry in db.ChangeTracker.Entries<AuditEvent>().Where(e => e.State == EntityState.Added && e.Entity.Data == AuditData.NothingChanged).ToList())
        {
            entry.State = EntityState.Detached;
        }

        foreach (var entry in db.ChangeTracker.Entries<Case>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            feed.CaseChanged(entry.Entity.Id, entry.Entity.Queue);
        }

        foreach (var entry in db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added))
        {
            feed.AgentNotified(entry.Entity.AgentId);
        }

        if (db.ChangeTracker.Entries<Domain.Credits.CreditRequest>().Any(e =>
                e.State == EntityState.Modified || (e.State == EntityState.Added && e.Entity.Status == Domain.Credits.CreditRequestStatus.PendingApproval))
            || db.ChangeTracker.Entries<Domain.Escalations.EscalationRequest>().Any(e =>
                e.State == EntityState.Modified || (e.State == EntityState.Added && e.Entity.Status == Domain.Escalations.EscalationStatus.Pending)))
        {
            feed.ApprovalChanged();
        }
    }

    private async Task PublishAsync()
    {
        // Publishing is best effort: the command has committed; a missed push is repaired by the next refresh.
        try
        {
            if (feed.Cases.Count > 0)
            {
                await publisher.CasesChangedAsync(feed.Cases.ToList(), CancellationToken.None);
            }

            if (feed.NotifiedAgents.Count > 0)
            {
                await publisher.NotificationsCreatedAsync(feed.NotifiedAgents.ToList(), CancellationToken.None);
            }

            if (feed.ApprovalsChanged)
            {
                await publisher.ApprovalsChangedAsync(CancellationToken.None);
            }

            if (!chatFeed.IsEmpty)
            {
                await chatRealtime.PublishAsync(chatFeed.Events.ToList(), chatFeed.QueueChanged, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Swallowed on purpose (see above); the publisher logs its own failures.
        }
        finally
        {
            feed.Clear();
            chatFeed.Clear();
        }
    }

    private bool Clear()
    {
        feed.Clear();
        chatFeed.Clear();
        return false;
    }
}
