using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Sla;

/// <summary>
/// One batch of the SLA sweeper: raises the warnings and breaches that fell due, marks follow-up promises that came due
/// unanswered as missed, and closes cases that stayed resolved for the whole reopen window. The assignee (and the agent
/// who promised) and every supervisor are notified; each step is audited.
/// </summary>
/// <remarks>
/// Due cases are taken with <c>FOR UPDATE SKIP LOCKED</c> inside the command's transaction, so sweepers on several nodes
/// share the work instead of waiting on each other; the per-target state on the case (and the follow-up's status) makes
/// a case that another sweeper has just handled raise nothing the second time.
/// </remarks>
public static class SweepSla
{
    public const int DefaultBatchSize = 100;
    public const int MaxBatchSize = 1000;

    public sealed record Command(int BatchSize = DefaultBatchSize) : ICommand<Result>, IRequireSystem;

    /// <param name="Taken">Cases locked in this batch; zero means nothing was due (the worker stops until its next tick).</param>
    public sealed record Result(int Taken, int Warnings, int Breaches, int FollowUpsMissed, int AutoClosed, int Notifications)
    {
        public static Result Empty { get; } = new(0, 0, 0, 0, 0, 0);

        public bool RaisedAnything => Warnings + Breaches + FollowUpsMissed + AutoClosed > 0;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BatchSize).InclusiveBetween(1, MaxBatchSize)
                .WithMessage($"The sweeper's batch size must be between 1 and {MaxBatchSize} cases.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CaseOptions> options, EmailNotifier email, Escalator escalator) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var cutoff = now - options.Value.ReopenWindow;
            var cases = await TakeDueCasesAsync(now, cutoff, command.BatchSize, cancellationToken);
            if (cases.Count == 0)
            {
                return Result.Empty;
            }

            // All promises of these cases: missed-but-unanswered ones keep the case's follow-up time when others settle.
            var ids = cases.Select(c => c.Id).ToList();
            await db.FollowUps.Where(f => ids.Contains(f.CaseId)).LoadAsync(cancellationToken);
            // Holders are loaded so an SLA-breach escalation can tell whether the holder may keep the case.
            var holders = cases.Select(c => c.AssigneeId).OfType<Guid>().Distinct().ToList();
            await db.Agents.Where(a => holders.Contains(a.Id)).LoadAsync(cancellationToken);
            var supervisors = await db.Agents.AsNoTracking()
                .Where(a => a.Tier == AgentTier.Supervisor)
                .Select(a => a.Id)
                .ToListAsync(cancellationToken);

            var actor = user.AsActor();
            int warnings = 0, breaches = 0, missed = 0, closed = 0, notifications = 0;
            foreach (var @case in cases)
            {
                var breachedNow = new List<SlaTarget>();
                foreach (var promise in @case.MissDueFollowUps(now))
                {
                    missed++;
                    await email.FollowUpMissedAsync(@case, promise, cancellationToken);
                    db.AuditEvents.Add(AuditEvent.Record(
                        now, actor, "followup.missed", "follow_up", promise.Id.ToString(), @case.Id,
                        AuditData.Of(("status", nameof(FollowUpStatus.Pending), nameof(FollowUpStatus.Missed)), ("due_at", null, Iso(promise.DueAt)))));
                    notifications += Notify(
                        [promise.AgentId, @case.AssigneeId, .. supervisors], @case, "followup.missed",
                        $"Follow-up missed on {@case.DisplayNumber} (promised by {promise.AgentName})", now);
                }

                foreach (var alert in @case.CheckSla(now))
                {
                    var breached = alert.State == SlaState.Breached;
                    var kind = breached ? "sla.breached" : "sla.warning";
                    if (breached)
                    {
                        breaches++;
                        breachedNow.Add(alert.Target);
                    }
                    else
                    {
                        warnings++;
                    }

                    db.AuditEvents.Add(AuditEvent.Record(
                        now, actor, kind, "case", @case.Id.ToString(), @case.Id,
                        AuditData.Of(("target", null, alert.Target.ToString()), ("due_at", null, Iso(alert.DueAt)))));
                    var message = breached
                        ? $"SLA breached: {SlaTargets.Label(alert.Target)} on {@case.DisplayNumber}"
                        : $"SLA at risk: {SlaTargets.Label(alert.Target)} on {@case.DisplayNumber}";
                    notifications += Notify([@case.AssigneeId, .. supervisors], @case, kind, message, now);
                }

                if (@case.CloseIfResolvedBefore(cutoff, now) is not null)
                {
                    closed++;
                    db.AuditEvents.Add(AuditEvent.Record(
                        now, actor, "case.auto_closed", "case", @case.Id.ToString(), @case.Id,
                        AuditData.Of(("status", nameof(CaseStatus.Resolved), nameof(CaseStatus.Closed)))));
                }

                if (breachedNow.Count > 0 && escalator.Options.EscalateOnSlaBreach)
                {
                    // A breach moves the case up one tier (once per sweep, however many targets breached).
                    await escalator.EscalateOneTierAsync(@case, Escalator.SlaBreachRule,
                        $"SLA breached: {string.Join(", ", breachedNow.Select(SlaTargets.Label))}.", actor, now, cancellationToken);
                }
            }

            return new Result(cases.Count, warnings, breaches, missed, closed, notifications);
        }

        /// <summary>
        /// Locks up to <paramref name="batchSize"/> cases with something due, most urgent first, skipping cases another
        /// sweeper (or a command) holds. Each branch of the union is served by a partial index on its column.
        /// </summary>
        private Task<List<Case>> TakeDueCasesAsync(DateTimeOffset now, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken) =>
            db.Cases.FromSql($"""
                SELECT c.*, c.xmin FROM cases AS c
                WHERE c.id IN (
                    SELECT id FROM cases
                    WHERE status NOT IN ('Resolved', 'Closed') AND response_warn_at <= {now} AND response_sla <> 'Breached'
                      AND (response_sla = 'Ok' OR response_due_at <= {now})
                    UNION
                    SELECT id FROM cases
                    WHERE status NOT IN ('Resolved', 'Closed') AND resolution_warn_at <= {now} AND resolution_sla <> 'Breached'
                      AND (resolution_sla = 'Ok' OR resolution_due_at <= {now})
                    UNION
                    SELECT case_id FROM follow_ups WHERE status = 'Pending' AND due_at <= {now}
                    UNION
                    SELECT id FROM cases WHERE status = 'Resolved' AND resolved_at <= {cutoff})
                ORDER BY c.attention_at NULLS LAST, c.created_at, c.id
                LIMIT {batchSize}
                FOR UPDATE OF c SKIP LOCKED
                """).ToListAsync(cancellationToken);

        /// <returns>How many notifications were added (one per distinct recipient).</returns>
        private int Notify(IEnumerable<Guid?> recipients, Case @case, string kind, string message, DateTimeOffset now)
        {
            var count = 0;
            foreach (var agentId in recipients.OfType<Guid>().Distinct())
            {
                db.Notifications.Add(Notification.Create(agentId, @case.Id, kind, message, now));
                count++;
            }

            return count;
        }

        private static string Iso(DateTimeOffset instant) =>
            instant.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }
}
