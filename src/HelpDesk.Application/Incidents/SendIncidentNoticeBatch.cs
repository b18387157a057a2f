using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>
/// One batch of "notify affected subscribers" (the notice worker, as the system): takes one running notice with
/// <c>FOR UPDATE SKIP LOCKED</c> (so nodes never work the same one at once), writes an outbox email and an
/// <see cref="IncidentRecipient"/> for the next affected subscribers after its cursor who have none, and moves the cursor,
/// all in one transaction. A crash loses at most the uncommitted batch; the recipient key (update, subscriber) makes a
/// second email for the same subscriber and update impossible, whatever the cursor says (ADR 0115).
/// </summary>
public static class SendIncidentNoticeBatch
{
    public const int DefaultBatchSize = 200;

    public sealed record Command(int BatchSize = DefaultBatchSize) : ICommand<Result>, IRequireSystem;

    /// <param name="Worked">False when no notice was waiting (or all were being worked by other nodes).</param>
    public sealed record Result(bool Worked, Guid? NoticeId, int Queued, bool Finished);

    public sealed class Handler(IHelpDeskDb db, IClock clock, EmailNotifier email) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var size = Math.Clamp(command.BatchSize, 1, 5000);
            var notice = await db.IncidentNotices
                .FromSqlRaw("SELECT * FROM incident_notices WHERE status = 'Running' ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken);
            if (notice is null)
            {
                return new Result(false, null, 0, false);
            }

            var incident = await db.Incidents.AsNoTracking().Include(i => i.Updates).SingleAsync(i => i.Id == notice.IncidentId, cancellationToken);
            var update = incident.Updates.Single(u => u.Id == notice.UpdateId);
            var updateId = update.Id;
            var candidates = IncidentMatching.Reachable(IncidentMatching.Affected(db, incident.Scope));
            if (notice.Cursor is { } after)
            {
                candidates = candidates.Where(s => s.Id.CompareTo(after) > 0);
            }

            var batch = await candidates
                .Where(s => !db.IncidentRecipients.Any(r => r.UpdateId == updateId && r.SubscriberId == s.Id))
                .OrderBy(s => s.Id)
                .Take(size)
                .Select(s => new { s.Id, s.Email, s.FirstName, s.LastName, s.TimeZone, s.BillingCurrency, s.MonthlyPrice })
                .ToListAsync(cancellationToken);
            // The resolution mail names the goodwill credit when one was approved for this incident (ADR 0116).
            var credit = update.Kind == IncidentUpdateKind.Resolved
                ? await db.IncidentCreditRuns.AsNoTracking()
                    .Where(r => r.IncidentId == incident.Id && (r.Status == IncidentCreditStatus.Issuing || r.Status == IncidentCreditStatus.Done))
                    .SingleOrDefaultAsync(cancellationToken)
                : null;
            var now = clock.UtcNow;
            foreach (var subscriber in batch)
            {
                var currency = subscriber.BillingCurrency.Trim();
                var amount = credit?.AmountFor(currency, subscriber.MonthlyPrice) is { } a
                    ? a.ToString("N" + Domain.Subscribers.BillingCurrencies.MinorUnits(currency), System.Globalization.CultureInfo.InvariantCulture) + " " + currency
                    : null;
                var mail = email.IncidentNotice(incident, update, subscriber.Email, subscriber.FirstName, subscriber.LastName, subscriber.TimeZone, amount);
                db.IncidentRecipients.Add(IncidentRecipient.Create(notice.Id, updateId, subscriber.Id, mail.Id, now));
            }

            var finished = batch.Count < size;
            notice.Advance(batch.Count, batch.Count > 0 ? batch[^1].Id : null, finished, now);
            return new Result(true, notice.Id, batch.Count, finished);
        }
    }
}
