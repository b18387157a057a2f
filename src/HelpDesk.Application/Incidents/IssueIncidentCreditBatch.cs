using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>
/// One batch of an approved incident credit (the worker, as the system): one ledger entry per affected subscriber after
/// the cursor who has none for this incident, in one transaction; the ledger's unique (incident, subscriber) index makes a
/// second credit impossible after a crash, a restart or a lost cursor (ADR 0116).
/// </summary>
public static class IssueIncidentCreditBatch
{
    public const int DefaultBatchSize = 200;

    public sealed record Command(int BatchSize = DefaultBatchSize) : ICommand<Result>, IRequireSystem;

    public sealed record Result(bool Worked, Guid? RunId, int Issued, bool Finished);

    public sealed class Handler(IHelpDeskDb db, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var size = Math.Clamp(command.BatchSize, 1, 5000);
            var run = await db.IncidentCreditRuns
                .FromSqlRaw("SELECT * FROM incident_credit_runs WHERE status = 'Issuing' ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .SingleOrDefaultAsync(cancellationToken);
            if (run is null)
            {
                return new Result(false, null, 0, false);
            }

            var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == run.IncidentId, cancellationToken);
            var incidentId = incident.Id;
            var candidates = IncidentMatching.Affected(db, incident.Scope);
            if (run.Cursor is { } after)
            {
                candidates = candidates.Where(s => s.Id.CompareTo(after) > 0);
            }

            var batch = await candidates
                .Where(s => !db.CreditEntries.Any(e => e.IncidentId == incidentId && e.SubscriberId == s.Id && e.Kind == CreditEntryKind.Issue))
                .OrderBy(s => s.Id)
                .Take(size)
                .Select(s => new { s.Id, s.BillingCurrency, s.MonthlyPrice })
                .ToListAsync(cancellationToken);
            var now = clock.UtcNow;
            var issued = 0;
            var note = run.Note ?? $"Goodwill for the incident \"{incident.Title}\".";
            foreach (var subscriber in batch)
            {
                var currency = subscriber.BillingCurrency.Trim();
                if (run.AmountFor(currency, subscriber.MonthlyPrice) is not { } amount)
                {
                    continue;
                }

                db.CreditEntries.Add(CreditEntry.Issue(
                    subscriber.Id, null, amount, currency, IncidentCreditRun.ReasonCode, note, run.DecidedByAgentId, run.DecidedByName ?? "supervisor", now,
                    incidentId: incidentId));
                issued++;
            }

            var finished = batch.Count < size;
            run.Advance(issued, batch.Count - issued, batch.Count > 0 ? batch[^1].Id : null, finished, now);
            return new Result(true, run.Id, issued, finished);
        }
    }
}
