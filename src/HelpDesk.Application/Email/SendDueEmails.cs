using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
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
/// Sends the next due outbox message, one per command (and so one per transaction).
/// </summary>
/// <remarks>
/// The message is taken with <c>FOR UPDATE SKIP LOCKED</c> and stays locked while it is handed to the SMTP server, so a
/// sender on another node skips it; once the command commits it is <c>Sent</c> (or rescheduled) and no longer due, so it
/// is never sent twice. A failed attempt is rescheduled with exponential backoff; after
/// <see cref="OutboundEmailOptions.MaxAttempts"/> (or at once for a permanent 5xx refusal) it is <c>Failed</c>, audited,
/// and the case's assignee is notified. While no SMTP server is configured nothing is taken: mail stays queued.
/// </remarks>
public static class SendDueEmails
{
    public sealed record Command : ICommand<Result>, IRequireSystem;

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
        IHelpDeskDb db, IClock clock, ICurrentUser user, SmtpEndpoints endpoints, IEmailTransport transport,
        IOptions<OutboundEmailOptions> options, ILogger<Handler> logger) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await endpoints.IsConfiguredAsync(cancellationToken))
            {
                return new Result(Outcome.NotConfigured);
            }

            var now = clock.UtcNow;
            var email = await db.OutboundEmails.FromSql($"""
                SELECT * FROM outbound_emails
                WHERE status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at, id
                LIMIT 1
                FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(cancellationToken);
            if (email is null)
            {
                return new Result(Outcome.NothingDue);
            }

            var endpoint = await endpoints.ForAsync(email.MailboxId, cancellationToken)
                ?? throw new InvalidOperationException("Email was configured a moment ago.");
            try
            {
                await transport.SendAsync(email, endpoint, cancellationToken);
                email.MarkSent(clock.UtcNow);
                return new Result(Outcome.Sent, email.Id);
            }
            catch (EmailTransportException ex)
            {
                var settings = options.Value;
                var failedAt = clock.UtcNow;
                email.MarkAttemptFailed(ex.Message, failedAt + settings.RetryDelay(email.Attempts + 1), settings.MaxAttempts, ex.Permanent);
                if (email.Status != OutboundEmailStatus.Failed)
                {
                    logger.LogWarning("Email {EmailId} attempt {Attempt} via {Endpoint} failed, retrying at {NextAttemptAt}: {Error}",
                        email.Id, email.Attempts, endpoint, email.NextAttemptAt, ex.Message);
                    return new Result(Outcome.WillRetry, email.Id, ex.Message);
                }

                logger.LogError("Email {EmailId} to case {CaseId} failed after {Attempts} attempts via {Endpoint}: {Error}",
                    email.Id, email.CaseId, email.Attempts, endpoint, ex.Message);
                await RecordFailureAsync(email, failedAt, cancellationToken);
                return new Result(Outcome.Failed, email.Id, ex.Message);
            }
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
