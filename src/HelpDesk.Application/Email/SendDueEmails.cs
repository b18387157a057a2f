using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>
/// Sends the next due outbox message, one per command.
/// </summary>
/// <remarks>
/// Three steps, so that nothing the database does can make a message go out twice (ADR 0110):
/// <list type="number">
/// <item><see cref="Take"/> (its own transaction): the next due message, taken with <c>FOR UPDATE SKIP LOCKED</c>, is
/// leased — its next attempt moved past the SMTP timeout — and committed, so no other sender (another node, the next
/// tick) takes it meanwhile.</item>
/// <item>The message is handed to the SMTP server, outside any transaction.</item>
/// <item><see cref="Record"/> (its own transaction, retried on its own by the execution strategy through a database
/// restart): <c>Sent</c>, or rescheduled with exponential backoff, or after <see cref="OutboundEmailOptions.MaxAttempts"/>
/// (or at once for a permanent 5xx refusal) <c>Failed</c>, audited, with the case's assignee notified.</item>
/// </list>
/// Were a sender killed between the SMTP server's acceptance and step 3, the lease runs out and the message is sent
/// again with the same Message-ID (at least once, never lost). While no SMTP server is configured nothing is taken.
/// </remarks>
public static class SendDueEmails
{
    public sealed record Command : ICommand<Result>, IRequireSystem, IOwnTransactions;

    /// <summary>Leases the next due message; its id, or null when nothing is due.</summary>
    public sealed record Take(TimeSpan Lease) : ICommand<Guid?>, IRequireSystem;

    /// <summary>Records how the attempt on a taken message went: sent (<paramref name="Error"/> null) or failed.</summary>
    public sealed record Record(Guid EmailId, string Endpoint, string? Error, bool Permanent) : ICommand<Result>, IRequireSystem;

    public enum Outcome
    {
        NothingDue,
        NotConfigured,
        Sent,
        WillRetry,
        Failed,
    }

    public sealed record Result(Outcome Outcome, Guid? EmailId = null, string? Error = null)
    {
        /// <summary>Whether a message was taken (the worker keeps going while it is).</summary>
        public bool Taken => EmailId is not null;
    }

    public sealed class Handler(
        IMediator mediator, IHelpDeskDb db, SmtpEndpoints endpoints, IEmailTransport transport, IOptions<OutboundEmailOptions> options)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await endpoints.IsConfiguredAsync(cancellationToken))
            {
                return new Result(Outcome.NotConfigured);
            }

            // Longer than one SMTP conversation can take, so the lease outlives every attempt that is still running.
            var lease = TimeSpan.FromSeconds((2 * Math.Max(options.Value.TimeoutSeconds, 1)) + 60);
            if (await mediator.Send(new Take(lease), cancellationToken) is not { } id)
            {
                return new Result(Outcome.NothingDue);
            }

            var email = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
            var endpoint = await endpoints.ForAsync(email.MailboxId, cancellationToken)
                ?? throw new InvalidOperationException("Email was configured a moment ago.");
            string? error = null;
            var permanent = false;
            try
            {
                await transport.SendAsync(email, endpoint, cancellationToken);
            }
            catch (EmailTransportException ex)
            {
                error = ex.Message;
                permanent = ex.Permanent;
            }

            // Recorded even when the host is stopping: the server has the message now.
            return await mediator.Send(new Record(id, endpoint.ToString(), error, permanent), CancellationToken.None);
        }
    }

    public sealed class TakeHandler(IHelpDeskDb db, IClock clock) : ICommandHandler<Take, Guid?>
    {
        public async ValueTask<Guid?> Handle(Take command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var email = await db.OutboundEmails.FromSql($"""
                SELECT * FROM outbound_emails
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(cancellationToken);
            email?.Lease(now + command.Lease);
            return email?.Id;
        }
    }

    public sealed class RecordHandler(
        IHelpDeskDb db, IClock clock, ICurrentUser user, IOptions<OutboundEmailOptions> options, ILogger<Handler> logger) : ICommandHandler<Record, Result>
    {
        public async ValueTask<Result> Handle(Record command, CancellationToken cancellationToken)
        {
            var email = await db.OutboundEmails.SingleAsync(e => e.Id == command.EmailId, cancellationToken);
            if (command.Error is null)
            {
                email.MarkSent(clock.UtcNow);
                return new Result(Outcome.Sent, email.Id);
            }

            var settings = options.Value;
            var failedAt = clock.UtcNow;
            email.MarkAttemptFailed(command.Error, failedAt + settings.RetryDelay(email.Attempts + 1), settings.MaxAttempts, command.Permanent);
            if (email.Status != OutboundEmailStatus.Failed)
            {
                logger.LogWarning("Email {EmailId} attempt {Attempt} via {Endpoint} failed, retrying at {NextAttemptAt}: {Error}",
                    email.Id, email.Attempts, command.Endpoint, email.NextAttemptAt, command.Error);
                return new Result(Outcome.WillRetry, email.Id, command.Error);
            }

            logger.LogError("Email {EmailId} to case {CaseId} failed after {Attempts} attempts via {Endpoint}: {Error}",
                email.Id, email.CaseId, email.Attempts, command.Endpoint, command.Error);
            await RecordFailureAsync(email, failedAt, cancellationToken);
            return new Result(Outcome.Failed, email.Id, command.Error);
        }

        private async Task RecordFailureAsync(OutboundEmail email, DateTimeOffset now, CancellationToken cancellationToken)
        {
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "email.failed", "outbound_email", email.Id.ToString(), email.CaseId,
                AuditData.Of(("status", nameof(OutboundEmailStatus.Pending), nameof(OutboundEmailStatus.Failed)), ("error", null, email.LastError))));
            if (email.CaseId is not { } caseId)
            {
                return;
            }

            var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
                .Select(c => new { c.Number, c.AssigneeId })
                .SingleOrDefaultAsync(cancellationToken);
            if (@case?.AssigneeId is { } assignee)
            {
                db.Notifications.Add(Notification.Create(assignee, caseId, "email.failed",
                    $"Email to the subscriber could not be sent on {CaseNumber.Format(@case.Number)}", now));
            }
        }
    }
}
