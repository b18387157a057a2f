using System.Runtime.CompilerServices;
using FluentValidation;
using HelpDesk.Application.Agents;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Queues;

/// <summary>
/// "Get next case": the agent takes the most urgent unassigned case they are eligible for from one queue.
/// One SQL statement with <c>FOR UPDATE SKIP LOCKED</c> picks and assigns it, so two agents never get the same case.
/// </summary>
public static class ClaimNextCase
{
    public sealed record Command(string Queue) : ICommand<Result>, IRequireStaff;

    /// <summary>Why nothing was claimed (or that something was).</summary>
    public enum Outcome
    {
        Claimed,

        /// <summary>No unassigned, workable case waits in the queue.</summary>
        QueueEmpty,

        /// <summary>Cases wait, but none match the agent's tier, skills or languages.</summary>
        NothingEligible,

        /// <summary>The agent already holds as many active cases as their capacity allows.</summary>
        AtCapacity,
    }

    public sealed record ClaimedCase(Guid Id, string Number, string Subject, CasePriority Priority, CaseStatus Status, string Queue);

    /// <param name="Case">The claimed case; null when nothing was claimed.</param>
    /// <param name="Message">What happened, written for the agent.</param>
    /// <param name="ActiveCases">The agent's active cases (new, open, waiting on another team) after the claim.</param>
    public sealed record Result(Outcome Outcome, ClaimedCase? Case, string Message, int ActiveCases, int Capacity)
    {
        public bool Claimed => Outcome == Outcome.Claimed;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Queue)
                .NotEmpty().WithMessage("Choose the queue to take a case from.")
                .MaximumLength(WorkQueue.MaxNameLength).WithMessage($"A queue name has at most {WorkQueue.MaxNameLength} characters.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, ChangeFeed feed) : ICommandHandler<Command, Result>
    {
        // SQL fragments over "cases c" with positional arguments: {0} agent id, {1} queue, {2} tiers the agent works,
        // {3} skills, {4} languages (empty arrays mean "any"), {5} now, {6} capacity.
        private const string Waiting = """
            c.queue = {1}
              AND c.assignee_id IS NULL
              AND c.status NOT IN ('Resolved', 'Closed', 'PendingSubscriber')
              AND c.merged_into_id IS NULL
            """;

        private const string EligibleForAgent = """
              AND c.tier = ANY({2})
              AND (cardinality({3}) = 0 OR c.category = ANY({3}))
              AND (cardinality({4}) = 0 OR lower(split_part(c.language, '-', 1)) = ANY({4}))
            """;

        // One statement: pick the most urgent eligible case nobody else has locked, and assign it. A row another
        // agent is claiming is skipped; one they claimed meanwhile fails PostgreSQL's re-check of the WHERE clause.
        // It also returns how many active cases the agent held before, so a claim needs no second count: the number the
        // database keeps per agent (agent_workloads, ADR 0135), one row instead of a count of the agent's cases. The
        // claim's own update moves that number (the trigger), after this statement's snapshot read it.
        private const string ClaimSql = """
            WITH mine AS (
                SELECT coalesce((SELECT w.active_cases FROM agent_workloads w WHERE w.agent_id = {0}), 0)::bigint AS active
            ),
            pick AS (
                SELECT c.id, c.status AS previous_status
                FROM cases c
                WHERE
            """ + "\n" + Waiting + "\n" + EligibleForAgent + "\n" + """
                  AND (SELECT active FROM mine) < {6}
                ORDER BY c.attention_at NULLS LAST, c.created_at
                LIMIT 1
                FOR UPDATE OF c SKIP LOCKED
            )
            UPDATE cases
            SET assignee_id = {0},
                status = CASE WHEN cases.status = 'New' THEN 'Open' ELSE cases.status END,
                updated_at = {5}
            FROM pick, mine
            WHERE cases.id = pick.id
            RETURNING cases.id, cases.number, cases.subject, cases.priority, cases.status, pick.previous_status, cases.queue, mine.active AS active_before
            """;

        private const string WaitingSql = "SELECT count(*) AS waiting, count(*) FILTER (WHERE TRUE\n" + EligibleForAgent + "\n) AS eligible FROM cases c WHERE\n" + Waiting;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var queue = await db.Queues.AsNoTracking().SingleOrDefaultAsync(q => q.Name == command.Queue, cancellationToken)
                ?? throw new NotFoundException($"There is no queue called '{TextInput.Echo(command.Queue)}'.");

            // Locking the agent's own row serializes one agent's parallel claims, so the capacity count holds.
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can take cases.");
            var agent = await db.LockAgentAsync(agentId, cancellationToken, track: false) ?? throw new ForbiddenException("Your account has no agent profile.");
            if (!agent.CanWork(queue.Tier))
            {
                throw new ForbiddenException($"Queue {queue.Name} is held at {queue.Tier}; {agent.Tier} agents cannot take cases from it.");
            }

            var now = clock.UtcNow;
            object[] arguments =
            [
                agent.Id, queue.Name, Enum.GetValues<AgentTier>().Where(agent.CanWork).Select(t => t.ToString()).ToArray(),
                agent.Skills.ToArray(), agent.Languages.ToArray(), now, agent.Capacity,
            ];
            var claimed = await db.Database.SqlQuery<ClaimedRow>(FormattableStringFactory.Create(ClaimSql, arguments)).ToListAsync(cancellationToken);
            if (claimed.SingleOrDefault() is not { } row)
            {
                var held = await db.AgentWorkloads.Where(w => w.AgentId == agent.Id).Select(w => w.ActiveCases).FirstOrDefaultAsync(cancellationToken);
                return await NothingClaimedAsync(queue, agent, held, arguments, cancellationToken);
            }

            // The claimed case is active too (a waiting case is New, Open or PendingInternal, and stays so), and the
            // agent's row lock keeps their other claims out, so this is the count after the claim.
            var active = (int)row.ActiveBefore + 1;

            var number = CaseNumber.Format(row.Number);
            var changes = new List<(string, string?, string?)> { ("assignee", null, agent.DisplayName) };
            if (row.PreviousStatus != row.Status)
            {
                changes.Add(("status", row.PreviousStatus, row.Status));
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.claimed", "case", row.Id.ToString(), row.Id, AuditData.Of([.. changes])));
            // The update bypassed the change tracker, so the realtime feed is told by hand.
            feed.CaseChanged(row.Id, row.Queue);
            var @case = new ClaimedCase(row.Id, number, row.Subject, Enum.Parse<CasePriority>(row.Priority), Enum.Parse<CaseStatus>(row.Status), row.Queue);
            return new Result(Outcome.Claimed, @case, $"You took case {number}: {row.Subject}", active, agent.Capacity);
        }

        private async Task<Result> NothingClaimedAsync(WorkQueue queue, Agent agent, int active, object[] arguments, CancellationToken cancellationToken)
        {
            if (active >= agent.Capacity)
            {
                return new Result(Outcome.AtCapacity, null,
                    $"You are at capacity ({active}/{agent.Capacity} active cases). Resolve, park or hand over a case before taking another.",
                    active, agent.Capacity);
            }

            var counts = (await db.Database.SqlQuery<WaitingCounts>(FormattableStringFactory.Create(WaitingSql, arguments)).ToListAsync(cancellationToken)).Single();
            if (counts.Eligible > 0)
            {
                // Every case left for this agent is locked by another agent's claim in flight.
                return new Result(Outcome.QueueEmpty, null,
                    $"Other agents are taking the last cases in {queue.Name} right now. Try again in a moment.", active, agent.Capacity);
            }

            return counts.Waiting == 0
                ? new Result(Outcome.QueueEmpty, null, $"No unassigned cases are waiting in {queue.Name}.", active, agent.Capacity)
                : new Result(Outcome.NothingEligible, null,
                    $"{counts.Waiting} unassigned {(counts.Waiting == 1 ? "case waits" : "cases wait")} in {queue.Name}, but none match your tier, skills and languages.",
                    active, agent.Capacity);
        }

    }

    /// <summary>Rows the statements return (enum columns are stored by name; columns map by snake_case name).</summary>
    internal sealed record ClaimedRow(Guid Id, long Number, string Subject, string Priority, string Status, string PreviousStatus, string Queue, long ActiveBefore);

    internal sealed record WaitingCounts(long Waiting, long Eligible);
}
