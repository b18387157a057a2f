using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentCreditView(
    Guid Id, IncidentCreditStatus Status, IncidentCreditMethod Method, IReadOnlyDictionary<string, decimal> Amounts, decimal? Percent, string? Note,
    int PreviewCount, string PreviewTotals, string RequestedByName, Guid RequestedByAgentId, DateTimeOffset RequestedAt,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? RejectReason, int Issued, int Skipped, DateTimeOffset? CompletedAt)
{
    public static IncidentCreditView Of(IncidentCreditRun r) => new(
        r.Id, r.Status, r.Method, r.AmountByCurrency, r.Percent, r.Note, r.PreviewCount, r.PreviewTotals, r.RequestedByName, r.RequestedByAgentId,
        r.RequestedAt, r.DecidedByName, r.DecidedAt, r.RejectReason, r.Issued, r.Skipped, r.CompletedAt);
}

/// <summary>
/// Tier 2 and up propose a goodwill credit for everyone an incident affects: a fixed amount per billing currency
/// ("EUR 5, USD 5") or a percent of each plan price. The preview (count and totals per currency) is the matching
/// statement grouped by currency. It always waits for a supervisor who is not the requester (ADR 0116).
/// </summary>
public static class ProposeIncidentCredit
{
    public sealed record Command(Guid IncidentId, string Method, IReadOnlyDictionary<string, decimal>? Amounts, decimal? Percent, string? Note)
        : ICommand<IncidentCreditView>, IRequireTier
    {
        public AgentTier MinimumTier => AgentTier.Tier2;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Method).Must(m => Enum.TryParse<IncidentCreditMethod>(m, ignoreCase: true, out var v) && Enum.IsDefined(v))
                .WithMessage("Choose a fixed amount per currency or a share of the plan price.");
            RuleFor(c => c.Amounts).Must(a => a is { Count: > 0 }).When(c => IsMethod(c, IncidentCreditMethod.FixedPerCurrency))
                .WithMessage("Give at least one amount, such as \"EUR 5, USD 5\".");
            RuleFor(c => c.Amounts).Must(a => a is null || a.All(p => p.Key.Length == 3 && p.Key.All(char.IsAsciiLetterUpper) && p.Value > 0 && p.Value <= 1000
                    && decimal.Round(p.Value, BillingCurrencies.MinorUnits(p.Key)) == p.Value))
                .When(c => IsMethod(c, IncidentCreditMethod.FixedPerCurrency))
                .WithMessage("Each amount needs a three-letter currency and a positive amount of at most 1,000 with that currency's decimals, such as \"EUR 5.00\".");
            RuleFor(c => c.Percent).Must(p => p is > 0 and <= 100).When(c => IsMethod(c, IncidentCreditMethod.PlanShare))
                .WithMessage("The share of the plan price must be more than 0 and at most 100 percent.");
            RuleFor(c => c.Note).MaximumLength(IncidentCreditRun.MaxNoteLength).WithMessage($"The note must be {IncidentCreditRun.MaxNoteLength} characters or fewer.");
        }

        private static bool IsMethod(Command c, IncidentCreditMethod method) =>
            Enum.TryParse<IncidentCreditMethod>(c.Method, ignoreCase: true, out var v) && v == method;
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, IncidentCreditView>
    {
        public async ValueTask<IncidentCreditView> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            if (await db.IncidentCreditRuns.AnyAsync(r => r.IncidentId == incident.Id && r.Status != IncidentCreditStatus.Rejected, cancellationToken))
            {
                throw new DomainRuleException("incident_credit.exists", "A goodwill credit has already been proposed for this incident.");
            }

            var agent = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == user.AgentId, cancellationToken);
            var method = Enum.Parse<IncidentCreditMethod>(command.Method, ignoreCase: true);
            var amounts = command.Amounts ?? new Dictionary<string, decimal>();
            var percent = command.Percent ?? 0m;
            var groups = await IncidentMatching.Affected(db, incident.Scope)
                .GroupBy(s => s.BillingCurrency)
                .Select(g => new { Currency = g.Key, Count = g.Count(), Prices = g.Sum(s => Math.Round(s.MonthlyPrice * percent / 100m, 2)) })
                .ToListAsync(cancellationToken);
            var lines = new List<(string Currency, int Count, decimal Total)>();
            foreach (var g in groups.OrderBy(g => g.Currency, StringComparer.Ordinal))
            {
                var currency = g.Currency.Trim();
                if (method == IncidentCreditMethod.FixedPerCurrency)
                {
                    if (amounts.TryGetValue(currency, out var each))
                    {
                        lines.Add((currency, g.Count, each * g.Count));
                    }
                }
                else if (g.Prices > 0)
                {
                    lines.Add((currency, g.Count, g.Prices));
                }
            }

            var preview = lines.Count == 0 ? "—" : string.Join(" · ", lines.Select(l => $"{l.Currency} {l.Total.ToString("N2", CultureInfo.InvariantCulture)} ({l.Count})"));
            var now = clock.UtcNow;
            var run = IncidentCreditRun.Propose(incident.Id, method, amounts, command.Percent, command.Note, lines.Sum(l => l.Count), preview, agent.Id, user.Name, now);
            db.IncidentCreditRuns.Add(run);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "incident.credit_proposed", "incident", incident.Id.ToString(), null,
                AuditData.Of(("method", null, method.ToString()), ("amounts", null, string.Join(",", run.Amounts)), ("percent", null, run.Percent?.ToString(CultureInfo.InvariantCulture)),
                    ("count", null, run.PreviewCount.ToString(CultureInfo.InvariantCulture)), ("totals", null, preview))));
            return IncidentCreditView.Of(run);
        }
    }
}

/// <summary>A supervisor who did not ask for it approves or rejects a proposed incident credit.</summary>
public static class DecideIncidentCredit
{
    public sealed record Command(Guid IncidentId, bool Approve, string? Reason = null) : ICommand<IncidentCreditView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().When(c => !c.Approve).WithMessage("Say why the credit is rejected.");
            RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("The reason must be 1,000 characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, IncidentCreditView>
    {
        public async ValueTask<IncidentCreditView> Handle(Command command, CancellationToken cancellationToken)
        {
            var run = await db.IncidentCreditRuns
                .Where(r => r.IncidentId == command.IncidentId && r.Status != IncidentCreditStatus.Rejected)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            var now = clock.UtcNow;
            var agentId = user.AgentId ?? throw new ForbiddenException("Only supervisors can do this.");
            if (command.Approve)
            {
                run.Approve(agentId, user.Name, now);
            }
            else
            {
                run.Reject(agentId, user.Name, command.Reason!, now);
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), command.Approve ? "incident.credit_approved" : "incident.credit_rejected",
                "incident", command.IncidentId.ToString(), null,
                AuditData.Of(("status", IncidentCreditStatus.PendingApproval.ToString(), run.Status.ToString()), ("reason", null, command.Reason))));
            return IncidentCreditView.Of(run);
        }
    }
}

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
