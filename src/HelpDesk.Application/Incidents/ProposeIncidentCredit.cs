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
