using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Escalations;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Reports;

/// <summary>
/// The supervisor's dashboard: open cases by tier and SLA state, what waits for approval (credit and escalation requests,
/// counted as <see cref="Escalations.CountPendingApprovals"/> counts them) and for how long, and the
/// credits issued this week (since Monday 00:00 UTC, or since <see cref="Query.Since"/>) by reason and by agent.
/// </summary>
public static class SupervisorDashboard
{
    public sealed record Query(DateTimeOffset? Since = null) : IQuery<Result>, IRequireSupervisor;

    public sealed record Result(
        DateTimeOffset Now, DateTimeOffset Since, IReadOnlyList<TierRow> OpenByTier, PendingApprovals Approvals,
        IReadOnlyList<CreditTotal> CreditsByReason, IReadOnlyList<CreditTotal> CreditsByAgent);

    /// <summary>Open cases held at one tier, by their worse SLA state (response or resolution).</summary>
    public sealed record TierRow(AgentTier Tier, int Ok, int Warning, int Breached)
    {
        public int Total => Ok + Warning + Breached;
    }

    public enum ApprovalKind
    {
        Credit,
        Escalation,
    }

    /// <param name="Count">Credit and escalation requests together (the approvals inbox's count).</param>
    /// <param name="Oldest">The ten oldest of either kind, oldest first.</param>
    public sealed record PendingApprovals(
        int Count, DateTimeOffset? OldestRequestedAt, IReadOnlyList<PendingRow> Oldest, int CreditRequests, int EscalationRequests);

    /// <param name="Amount">Credit requests only.</param>
    /// <param name="FromTier">Escalation requests only: the tier the case was at, and <paramref name="ToTier"/> the one asked for.</param>
    public sealed record PendingRow(
        Guid RequestId, ApprovalKind Kind, Guid CaseId, string CaseNumber, decimal? Amount, string? Currency,
        AgentTier? FromTier, AgentTier? ToTier, string RequestedBy, DateTimeOffset RequestedAt);

    /// <param name="Key">The reason code, or the issuing agent's name.</param>
    public sealed record CreditTotal(string Key, string Currency, int Count, decimal Amount);

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var since = query.Since ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));

            var open = await db.Cases.AsNoTracking()
                .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed && c.MergedIntoId == null)
                .GroupBy(c => new { c.Tier, c.ResponseSla, c.ResolutionSla })
                .Select(g => new { g.Key.Tier, g.Key.ResponseSla, g.Key.ResolutionSla, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var byTier = Enum.GetValues<AgentTier>()
                .Select(t =>
                {
                    var rows = open.Where(r => r.Tier == t).ToList();
                    int Count(SlaState s) => rows.Where(r => Worse(r.ResponseSla, r.ResolutionSla) == s).Sum(r => r.Count);
                    return new TierRow(t, Count(SlaState.Ok), Count(SlaState.Warning), Count(SlaState.Breached));
                })
                .ToList();

            var credits = db.CreditRequests.AsNoTracking().Where(r => r.Status == CreditRequestStatus.PendingApproval);
            var escalations = db.EscalationRequests.AsNoTracking().Where(r => r.Status == EscalationStatus.Pending);
            var creditCount = await credits.CountAsync(cancellationToken);
            var escalationCount = await escalations.CountAsync(cancellationToken);
            var oldestCredits = await (
                from r in credits
                join c in db.Cases on r.CaseId equals c.Id
                orderby r.RequestedAt, r.Id
                select new { r.Id, r.CaseId, c.Number, r.Amount, r.Currency, r.RequestedByName, r.RequestedAt })
                .Take(10).ToListAsync(cancellationToken);
            var oldestEscalations = await (
                from r in escalations
                join c in db.Cases on r.CaseId equals c.Id
                orderby r.RequestedAt, r.Id
                select new { r.Id, r.CaseId, c.Number, r.FromTier, r.ToTier, r.RequestedByName, r.RequestedAt })
                .Take(10).ToListAsync(cancellationToken);
            var oldest = oldestCredits
                .Select(o => new PendingRow(o.Id, ApprovalKind.Credit, o.CaseId, CaseNumber.Format(o.Number), o.Amount, o.Currency, null, null, o.RequestedByName, o.RequestedAt))
                .Concat(oldestEscalations.Select(o => new PendingRow(
                    o.Id, ApprovalKind.Escalation, o.CaseId, CaseNumber.Format(o.Number), null, null, o.FromTier, o.ToTier, o.RequestedByName, o.RequestedAt)))
                .OrderBy(p => p.RequestedAt).ThenBy(p => p.RequestId)
                .Take(10)
                .ToList();
            var approvals = new PendingApprovals(creditCount + escalationCount, oldest.FirstOrDefault()?.RequestedAt, oldest, creditCount, escalationCount);

            var issued = await db.CreditEntries.AsNoTracking()
                .Where(e => e.Kind == CreditEntryKind.Issue && e.CreatedAt >= since && e.CreatedAt <= now)
                .Select(e => new { e.ReasonCode, e.IssuedByName, e.Currency, e.Amount })
                .ToListAsync(cancellationToken);
            var byReason = issued.GroupBy(e => (e.ReasonCode, e.Currency))
                .Select(g => new CreditTotal(g.Key.ReasonCode, g.Key.Currency, g.Count(), g.Sum(e => e.Amount)))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal).ToList();
            var byAgent = issued.GroupBy(e => (e.IssuedByName, e.Currency))
                .Select(g => new CreditTotal(g.Key.IssuedByName, g.Key.Currency, g.Count(), g.Sum(e => e.Amount)))
                .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Currency, StringComparer.Ordinal).ToList();
            return new Result(now, since, byTier, approvals, byReason, byAgent);
        }

        private static SlaState Worse(SlaState a, SlaState b) => (SlaState)Math.Max((int)a, (int)b);
    }
}
