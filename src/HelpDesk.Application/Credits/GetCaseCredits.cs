using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

public enum CaseCreditStatus
{
    PendingApproval,
    Issued,
    Rejected,
    Reversed,
}

/// <summary>
/// The credits asked for and given on one case, newest first. Staff see every request (pending, rejected, issued,
/// reversed) with notes and decisions; the case's subscriber sees only what was actually credited, without the
/// agents' notes.
/// </summary>
public static class GetCaseCredits
{
    public sealed record Query(Guid CaseId) : IQuery<Result>, ICaseRequest, IRequireSignedIn;

    /// <param name="MayReverse">Whether the caller may reverse credits on this case (Tier 2 and above, reaching the case's tier).</param>
    public sealed record Result(Guid CaseId, IReadOnlyList<CaseCredit> Credits, bool MayReverse);

    /// <param name="EntryId">The ledger entry that credited it; null while pending or when rejected.</param>
    public sealed record CaseCredit(
        Guid? RequestId, Guid? EntryId, CaseCreditStatus Status, decimal Amount, string Currency, string ReasonCode, string? Note,
        string RequestedBy, DateTimeOffset RequestedAt, string? ApprovalReason, string? DecidedBy, DateTimeOffset? DecidedAt,
        string? DecisionComment, string? ReversedBy, DateTimeOffset? ReversedAt, string? ReversalReason);

    /// <summary>A credit request as the case's credit list needs it.</summary>
    internal sealed record RequestRow(
        Guid Id, CreditRequestStatus Status, decimal Amount, string Currency, string ReasonCode, string? Note, string RequestedByName,
        DateTimeOffset RequestedAt, string? ApprovalReason, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionComment);

    /// <summary>A ledger entry on the case as the credit list needs it.</summary>
    internal sealed record EntryRow(
        Guid Id, CreditEntryKind Kind, decimal Amount, string Currency, string ReasonCode, string? Note, string IssuedByName,
        DateTimeOffset CreatedAt, Guid? CreditRequestId, Guid? ReversesId);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var staff = user.IsStaff();
            var requests = staff
                ? await db.CreditRequests.AsNoTracking().Where(r => r.CaseId == query.CaseId)
                    .Select(r => new RequestRow(r.Id, r.Status, r.Amount, r.Currency, r.ReasonCode, r.Note, r.RequestedByName, r.RequestedAt,
                        r.ApprovalReason, r.DecidedByName, r.DecidedAt, r.DecisionComment))
                    .ToListAsync(cancellationToken)
                : [];
            var entries = await db.CreditEntries.AsNoTracking().Where(e => e.CaseId == query.CaseId)
                .Select(e => new EntryRow(e.Id, e.Kind, e.Amount, e.Currency, e.ReasonCode, e.Note, e.IssuedByName, e.CreatedAt, e.CreditRequestId, e.ReversesId))
                .ToListAsync(cancellationToken);

            var mayReverse = false;
            if (staff && user.Tier is { } tier && tier >= ReverseCredit.MinimumTier)
            {
                var caseTier = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.Tier).SingleAsync(cancellationToken);
                mayReverse = tier >= caseTier;
            }

            return new Result(query.CaseId, Lines(requests, entries, staff), mayReverse);
        }
    }

    /// <summary>
    /// The case's credit lines, newest first: for staff every request (with its ledger entry and any reversal) and every
    /// entry without a request; for the subscriber only what was credited, without notes.
    /// </summary>
    internal static IReadOnlyList<CaseCredit> Lines(IReadOnlyList<RequestRow> requests, IReadOnlyList<EntryRow> entries, bool staff)
    {
        if (!staff)
        {
            requests = [];
        }

        var reversals = entries.Where(e => e.Kind == CreditEntryKind.Reversal && e.ReversesId is not null).ToDictionary(e => e.ReversesId!.Value);
        var issues = entries.Where(e => e.Kind == CreditEntryKind.Issue).ToList();
        var byRequest = issues.Where(e => e.CreditRequestId is not null).ToDictionary(e => e.CreditRequestId!.Value);

        var lines = new List<CaseCredit>();
        foreach (var r in requests)
        {
            var entry = byRequest.GetValueOrDefault(r.Id);
            var reversal = entry is null ? null : reversals.GetValueOrDefault(entry.Id);
            var status = r.Status switch
            {
                CreditRequestStatus.PendingApproval => CaseCreditStatus.PendingApproval,
                CreditRequestStatus.Rejected => CaseCreditStatus.Rejected,
                _ => reversal is null ? CaseCreditStatus.Issued : CaseCreditStatus.Reversed,
            };
            lines.Add(new CaseCredit(r.Id, entry?.Id, status, r.Amount, r.Currency, r.ReasonCode, r.Note, r.RequestedByName, r.RequestedAt,
                r.ApprovalReason, r.DecidedByName, r.DecidedAt, r.DecisionComment, reversal?.IssuedByName, reversal?.CreatedAt, reversal?.Note));
        }

        foreach (var e in issues.Where(e => staff ? e.CreditRequestId is null || requests.All(r => r.Id != e.CreditRequestId) : true))
        {
            var reversal = reversals.GetValueOrDefault(e.Id);
            lines.Add(staff
                ? new CaseCredit(e.CreditRequestId, e.Id, reversal is null ? CaseCreditStatus.Issued : CaseCreditStatus.Reversed, e.Amount, e.Currency,
                    e.ReasonCode, e.Note, e.IssuedByName, e.CreatedAt, null, null, null, null, reversal?.IssuedByName, reversal?.CreatedAt, reversal?.Note)
                : new CaseCredit(null, e.Id, reversal is null ? CaseCreditStatus.Issued : CaseCreditStatus.Reversed, e.Amount, e.Currency,
                    e.ReasonCode, null, e.IssuedByName, e.CreatedAt, null, null, null, null, reversal?.IssuedByName, reversal?.CreatedAt, null));
        }

        return lines.OrderByDescending(l => l.RequestedAt).ToList();
    }
}

/// <summary>What the "give a credit" form needs: the subscriber's billing currency and the caller's own authority.</summary>
public static class GetCreditOptions
{
    public sealed record Query(Guid CaseId) : IQuery<Result>, ICaseRequest, IRequireStaff;

    /// <param name="ReasonCodes">The reason codes the caller's tier may credit for.</param>
    /// <param name="MaxSingle">The caller's largest single credit in <paramref name="Currency"/>; null: no authority in it.</param>
    /// <param name="ApprovalAbove">Amounts above this need a supervisor (the single limit, or what is left of the 30-day limit).</param>
    public sealed record Result(
        Guid CaseId, string CaseNumber, string Subject, string SubscriberName, string Currency, AgentTier Tier, IReadOnlyList<string> ReasonCodes,
        decimal? MaxSingle, decimal? MaxPer30Days, decimal GivenInLast30Days, decimal ApprovalAbove, int PolicyVersion);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var target = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId)
                .Select(c => new { c.Number, c.Subject, c.SubscriberId, c.Subscriber!.FirstName, c.Subscriber.LastName, c.Subscriber.BillingCurrency })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw Common.NotFoundException.Case(query.CaseId);
            var tier = user.Tier ?? AgentTier.Tier1;
            var now = clock.UtcNow;
            var policy = await db.CurrentCreditPolicyAsync(now, cancellationToken);
            var since = now - CreditAuthority.Window;
            var given = (await db.CreditsInWindowAsync(target.SubscriberId, now, cancellationToken))
                .Where(c => c.IssuedAt > since && string.Equals(c.Currency, target.BillingCurrency, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Amount);
            var limit = policy.LimitFor(tier, target.BillingCurrency);
            var reasons = policy.Reasons.Where(r => r.Tier == tier).Select(r => r.ReasonCode).Order(StringComparer.Ordinal).ToList();
            var above = limit is null ? 0m : Math.Max(0m, Math.Min(limit.MaxSingle, limit.MaxPer30Days - given));
            return new Result(query.CaseId, Domain.Cases.CaseNumber.Format(target.Number), target.Subject, $"{target.FirstName} {target.LastName}".Trim(),
                target.BillingCurrency, tier, reasons, limit?.MaxSingle, limit?.MaxPer30Days, given, above, policy.Version);
        }
    }
}
