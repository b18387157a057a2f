using System.Runtime.CompilerServices;
using HelpDesk.Application.Agents;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>
/// "Claim next callback": the due callback with the earliest promised time (then the most urgent) on a case the agent
/// may work. One statement with <c>FOR UPDATE SKIP LOCKED</c> picks and claims it, so no callback is called twice (ADR 0006).
/// An agent holds one callback at a time: claiming again returns the one they hold.
/// </summary>
public static class ClaimNextCallback
{
    public sealed record Command : ICommand<Result>, IRequireStaff;

    /// <param name="Callback">The claimed (or already held) callback; null when none is due.</param>
    public sealed record Result(bool Claimed, CallbackView? Callback, string Message);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CallbackOptions> options) : ICommandHandler<Command, Result>
    {
        // {0} agent id, {1} now, {2} tiers the agent works.
        private const string ClaimSql = """
            UPDATE callback_requests
            SET status = 'Claimed', claimed_by_id = {0}, claimed_at = {1}, updated_at = {1}
            FROM (
                SELECT cb.id
                FROM callback_requests cb
                JOIN cases c ON c.id = cb.case_id
                WHERE cb.status = 'Waiting'
                  AND cb.due_at <= {1}
                  AND c.tier = ANY({2})
                ORDER BY cb.due_at,
                         CASE cb.priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END,
                         cb.created_at
                LIMIT 1
                FOR UPDATE OF cb SKIP LOCKED
            ) pick
            WHERE callback_requests.id = pick.id
            RETURNING callback_requests.id AS "Value"
            """;

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can take callbacks.");
            // Locking the agent's row serializes one agent's parallel claims, so they hold one callback at a time.
            var agent = await db.LockAgentAsync(agentId, cancellationToken, track: false) ?? throw new ForbiddenException("Your account has no agent profile.");
            var now = clock.UtcNow;

            var held = await db.Callbacks.Include(c => c.Attempts)
                .FirstOrDefaultAsync(c => c.Status == CallbackStatus.Claimed && c.ClaimedById == agent.Id, cancellationToken);
            if (held is not null)
            {
                var view = await CallbackSupport.ViewAsync(db, held, options.Value, now, staff: true, cancellationToken);
                return new Result(true, view, $"You are already on the callback for case {view.CaseNumber}. Record its outcome first.");
            }

            object[] arguments = [agent.Id, now, TierScope.UpTo(agent.Tier).Select(t => t.ToString()).ToArray()];
            var claimedId = (await db.Database.SqlQuery<Guid>(FormattableStringFactory.Create(ClaimSql, arguments)).ToListAsync(cancellationToken)).SingleOrDefault();
            if (claimedId == Guid.Empty)
            {
                var waiting = await db.Callbacks.CountAsync(c => c.Status == CallbackStatus.Waiting, cancellationToken);
                var next = await db.Callbacks.Where(c => c.Status == CallbackStatus.Waiting).OrderBy(c => c.DueAt).Select(c => (DateTimeOffset?)c.DueAt).FirstOrDefaultAsync(cancellationToken);
                return new Result(false, null, waiting == 0
                    ? "No callbacks are waiting."
                    : next > now
                        ? $"No callback is due yet; the next is due at {CallbackSupport.Utc(next.Value)}."
                        : "The due callbacks are being claimed by other agents or are on cases above your tier. Try again in a moment.");
            }

            var callback = await db.Callbacks.Include(c => c.Attempts).SingleAsync(c => c.Id == claimedId, cancellationToken);
            var @case = await db.Cases.SingleAsync(c => c.Id == callback.CaseId, cancellationToken);
            @case.AddCallbackEntry($"{Case.AgentLabel(agent)} is calling you back on {callback.Phone}.", Visibility.Public, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "callback.claimed", "callback", callback.Id.ToString(), callback.CaseId,
                AuditData.Of(("status", nameof(CallbackStatus.Waiting), nameof(CallbackStatus.Claimed)), ("claimed_by", null, agent.DisplayName))));
            var claimed = await CallbackSupport.ViewAsync(db, callback, options.Value, now, staff: true, cancellationToken, @case.Number);
            return new Result(true, claimed, $"Call {callback.Phone} about case {claimed.CaseNumber}: {callback.Topic}");
        }
    }
}
