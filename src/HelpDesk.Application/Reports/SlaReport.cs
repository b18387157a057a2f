using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Reports;

/// <summary>
/// How the support centre kept its promises over a period: SLA warnings and breaches per target and follow-ups kept or
/// missed (from the audit log and the follow-up table), cases closed automatically, and where open cases stand now.
/// </summary>
public static class SlaReport
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(92);

    /// <param name="From">Start of the period (inclusive); default: seven days before <paramref name="To"/>.</param>
    /// <param name="To">End of the period (exclusive); default: now.</param>
    public sealed record Query(DateTimeOffset? From = null, DateTimeOffset? To = null) : IQuery<Result>, IRequireSupervisor;

    public sealed record Result(
        DateTimeOffset From,
        DateTimeOffset To,
        IReadOnlyList<TargetRow> Targets,
        FollowUpCounts FollowUps,
        int AutoClosed,
        IReadOnlyList<QueueRow> OpenCases);

    /// <summary>Warnings and breaches raised in the period for one SLA target.</summary>
    public sealed record TargetRow(SlaTarget Target, int Warnings, int Breaches);

    /// <summary>Promises settled in the period.</summary>
    public sealed record FollowUpCounts(int Kept, int Missed, int Cancelled);

    /// <summary>Open cases in one queue now, by the worse of their two SLA states.</summary>
    public sealed record QueueRow(string Queue, int Ok, int Warning, int Breached)
    {
        public int Total => Ok + Warning + Breached;
    }

    /// <summary>The period a query asks for, with its defaults applied.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) PeriodOf(Query query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var to = query.To ?? (query.From is { } from && from + DefaultPeriod < now ? from + DefaultPeriod : now);
        return (query.From ?? to - DefaultPeriod, to);
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IClock clock)
        {
            RuleFor(q => q).Custom((query, context) =>
            {
                var (from, to) = PeriodOf(query, clock.UtcNow);
                if (to <= from)
                {
                    context.AddFailure(nameof(Query.To), "The end of the period must be after its start.");
                }
                else if (to - from > MaxPeriod)
                {
                    context.AddFailure(nameof(Query.To), $"A report covers at most {MaxPeriod.TotalDays:0} days; choose a shorter period.");
                }
            });
        }
    }

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        private static readonly string[] AlertActions = ["sla.warning", "sla.breached"];

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = PeriodOf(query, clock.UtcNow);
            var inPeriod = db.AuditEvents.AsNoTracking().Where(a => a.OccurredAt >= from && a.OccurredAt < to);

            // The sweeper records the target in the event's data: {"target":{"from":null,"to":"FirstResponse"}}.
            var alerts = await db.Database.SqlQuery<AlertCount>($"""
                SELECT action AS "Action", data -> 'target' ->> 'to' AS "Target", count(*)::int AS "Count"
                FROM audit_events
                WHERE action IN ('sla.warning', 'sla.breached') AND occurred_at >= {from} AND occurred_at < {to}
                GROUP BY 1, 2
                """).ToListAsync(cancellationToken);
            var targets = Enum.GetValues<SlaTarget>()
                .Select(t => new TargetRow(
                    t,
                    alerts.Where(a => a.Action == AlertActions[0] && a.Target == t.ToString()).Sum(a => a.Count),
                    alerts.Where(a => a.Action == AlertActions[1] && a.Target == t.ToString()).Sum(a => a.Count)))
                .ToList();

            var settled = await db.FollowUps.AsNoTracking()
                .Where(f => f.SettledAt >= from && f.SettledAt < to)
                .GroupBy(f => f.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            int Settled(FollowUpStatus status) => settled.Where(s => s.Status == status).Sum(s => s.Count);

            var autoClosed = await inPeriod.CountAsync(a => a.Action == "case.auto_closed", cancellationToken);

            var open = await db.Cases.AsNoTracking()
                .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .GroupBy(c => new { c.Queue, c.ResponseSla, c.ResolutionSla })
                .Select(g => new { g.Key.Queue, g.Key.ResponseSla, g.Key.ResolutionSla, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var queues = open
                .GroupBy(r => r.Queue)
                .Select(g => new QueueRow(
                    g.Key,
                    g.Where(r => Worse(r.ResponseSla, r.ResolutionSla) == SlaState.Ok).Sum(r => r.Count),
                    g.Where(r => Worse(r.ResponseSla, r.ResolutionSla) == SlaState.Warning).Sum(r => r.Count),
                    g.Where(r => Worse(r.ResponseSla, r.ResolutionSla) == SlaState.Breached).Sum(r => r.Count)))
                .OrderBy(q => q.Queue, StringComparer.Ordinal)
                .ToList();

            return new Result(
                from, to, targets,
                new FollowUpCounts(Settled(FollowUpStatus.Kept), Settled(FollowUpStatus.Missed), Settled(FollowUpStatus.Cancelled)),
                autoClosed, queues);
        }

        private static SlaState Worse(SlaState a, SlaState b) => a > b ? a : b;
    }

    private sealed record AlertCount(string Action, string? Target, int Count);
}
