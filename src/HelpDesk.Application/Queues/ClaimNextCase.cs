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

        // One statement: pick the most urgent eligible case nobody else has locked, assign it and write its audit row
        // ({7}-{9} the actor; {10} the audit data when only the assignee changes, {11} when a new case also opens, both
        // made by AuditData.Of before the statement: ADR 0137). A row another
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
            ),
            claimed AS (
                UPDATE cases
                SET assignee_id = {0},
                    status = CASE WHEN cases.status = 'New' THEN 'Open' ELSE cases.status END,
                    updated_at = {5}
                FROM pick, mine
                WHERE cases.id = pick.id
                RETURNING cases.id, cases.number, cases.subject, cases.priority, cases.status, pick.previous_status, cases.queue, mine.active AS active_before
            ),
            audited AS (
                INSERT INTO audit_events (occurred_at, actor_user_id, actor_name, actor_ip, action, entity_type, entity_id, case_id, data)
                SELECT {5}, {7}, {8}, {9}, 'case.claimed', 'case', claimed.id::text, claimed.id,
                       (CASE WHEN claimed.previous_status = claimed.status THEN {10} ELSE {11} END)::jsonb
                FROM claimed
            )
            SELECT * FROM claimed
            """;

        private const string WaitingSql = "SELECT count(*) AS waiting, count(*) FILTER (WHERE TRUE\n" + EligibleForAgent + "\n) AS eligible FROM cases c WHERE\n" + Waiting;

        // The queue's tier and the agent's row, locked, in one round trip (ADR 0137). Locking the agent's own row
        // serializes one agent's parallel claims, so the capacity count holds; the claim is a second statement, whose
        // snapshot is taken after the lock is granted and so sees the agent's previous claim. The queue is read first
        // (a scalar subquery), so an unknown queue is "not found" for anyone, as before.
        private const string QueueAndAgentSql = """
            WITH me AS (
                SELECT a.id, a.tier, a.skills, a.languages, a.capacity, a.first_name, a.last_name FROM agents a WHERE a.id = {0} FOR UPDATE
            )
            SELECT q.tier AS queue_tier, me.id AS agent_id, me.tier AS agent_tier, me.skills, me.languages, me.capacity, me.first_name, me.last_name
            FROM (SELECT (SELECT queues.tier FROM queues WHERE queues.name = {1}) AS tier) q
            LEFT JOIN me ON TRUE
            """;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var found = (await db.Database.SqlQuery<QueueAndAgentRow>(FormattableStringFactory.Create(QueueAndAgentSql, user.AgentId ?? Guid.Empty, command.Queue))
                .ToListAsync(cancellationToken)).Single();
            if (found.QueueTier is not { } queueTierName)
            {
                throw new NotFoundException($"There is no queue called '{TextInput.Echo(command.Queue)}'.");
            }

            if (user.AgentId is null)
            {
                throw new ForbiddenException("Only support staff can take cases.");
            }

            if (found.AgentId is not { } id || found.AgentTier is not { } agentTierName)
            {
                throw new ForbiddenException("Your account has no agent profile.");
            }

            var queueTier = Enum.Parse<AgentTier>(queueTierName);
            var agent = new Claimant(id, Enum.Parse<AgentTier>(agentTierName), found.Skills ?? [], found.Languages ?? [], found.Capacity ?? 0,
                Agent.DisplayNameOf(found.FirstName ?? string.Empty, found.LastName ?? string.Empty));
            if (!agent.CanWork(queueTier))
            {
                throw new ForbiddenException($"Queue {command.Queue} is held at {queueTier}; {agent.Tier} agents cannot take cases from it.");
            }

            var now = clock.UtcNow;
            object[] arguments =
            [
                agent.Id, command.Queue, Enum.GetValues<AgentTier>().Where(agent.CanWork).Select(t => t.ToString()).ToArray(),
                agent.Skills, agent.Languages, now, agent.Capacity,
            ];
            var actor = user.AsActor();
            object?[] claimArguments =
            [
                .. arguments, actor.UserId, actor.Name, actor.IpAddress,
                AuditData.Of(("assignee", null, agent.DisplayName)),
                AuditData.Of(("assignee", null, agent.DisplayName), ("status", nameof(CaseStatus.New), nameof(CaseStatus.Open))),
            ];
            var claimed = await db.Database.SqlQuery<ClaimedRow>(FormattableStringFactory.Create(ClaimSql, claimArguments)).ToListAsync(cancellationToken);
            if (claimed.SingleOrDefault() is not { } row)
            {
                var held = await db.AgentWorkloads.Where(w => w.AgentId == agent.Id).Select(w => w.ActiveCases).FirstOrDefaultAsync(cancellationToken);
                return await NothingClaimedAsync(command.Queue, agent, held, arguments, cancellationToken);
            }

            // The claimed case is active too (a waiting case is New, Open or PendingInternal, and stays so), and the
            // agent's row lock keeps their other claims out, so this is the count after the claim.
            var active = (int)row.ActiveBefore + 1;

            var number = CaseNumber.Format(row.Number);
            // The update bypassed the change tracker, so the realtime feed is told by hand.
            feed.CaseChanged(row.Id, row.Queue);
            var @case = new ClaimedCase(row.Id, number, row.Subject, Enum.Parse<CasePriority>(row.Priority), Enum.Parse<CaseStatus>(row.Status), row.Queue);
            return new Result(Outcome.Claimed, @case, $"You took case {number}: {row.Subject}", active, agent.Capacity);
        }

        private async Task<Result> NothingClaimedAsync(string queue, Claimant agent, int active, object[] arguments, CancellationToken cancellationToken)
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
                    $"Other agents are taking the last cases in {queue} right now. Try again in a moment.", active, agent.Capacity);
            }

            return counts.Waiting == 0
                ? new Result(Outcome.QueueEmpty, null, $"No unassigned cases are waiting in {queue}.", active, agent.Capacity)
                : new Result(Outcome.NothingEligible, null,
                    $"{counts.Waiting} unassigned {(counts.Waiting == 1 ? "case waits" : "cases wait")} in {queue}, but none match your tier, skills and languages.",
                    active, agent.Capacity);
        }

    }

    /// <summary>Rows the statements return (enum columns are stored by name; columns map by snake_case name).</summary>
    internal sealed record ClaimedRow(Guid Id, long Number, string Subject, string Priority, string Status, string PreviousStatus, string Queue, long ActiveBefore);

    internal sealed record WaitingCounts(long Waiting, long Eligible);

    /// <summary>The queue's tier (null: no such queue) and the agent's row (null: the user has no agent profile).</summary>
    internal sealed record QueueAndAgentRow(
        string? QueueTier, Guid? AgentId, string? AgentTier, string[]? Skills, string[]? Languages, int? Capacity, string? FirstName, string? LastName);

    /// <summary>What a claim needs of the agent, read with their row lock.</summary>
    private sealed record Claimant(Guid Id, AgentTier Tier, string[] Skills, string[] Languages, int Capacity, string DisplayName)
    {
        public bool CanWork(AgentTier caseTier) => Agent.CanWork(Tier, caseTier);
    }
}
