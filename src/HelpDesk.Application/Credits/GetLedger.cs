using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// A subscriber's credit ledger for staff, oldest first, with the running balance per currency. Only entries on cases
/// the caller's tier may open (and entries on no case) are listed and counted: a credit on a case above the caller's
/// tier, with its internal note, belongs to that case. Subscribers read their own credits through <c>GetMyCredits</c>,
/// which has no internal notes; this staff view refuses them.
/// </summary>
public static class GetLedger
{
    public sealed record Query(Guid SubscriberId) : IQuery<IReadOnlyList<LedgerLine>>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<LedgerLine>>
    {
        public async ValueTask<IReadOnlyList<LedgerLine>> Handle(Query query, CancellationToken cancellationToken)
        {
            var tiers = CaseAccess.TiersOpenTo(user);
            var entries = await db.CreditEntries.AsNoTracking()
                .Where(e => e.SubscriberId == query.SubscriberId
                    && (e.CaseId == null || db.Cases.Any(c => c.Id == e.CaseId && tiers.Contains(c.Tier))))
                .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
                .Select(e => new { e.Id, e.CaseId, e.Kind, e.Amount, e.Currency, e.ReasonCode, e.Note, e.IssuedByName, e.CreatedAt, e.ReversesId })
                .ToListAsync(cancellationToken);
            var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
            var lines = new List<LedgerLine>(entries.Count);
            foreach (var e in entries)
            {
                balances[e.Currency] = balances.GetValueOrDefault(e.Currency) + e.Amount;
                lines.Add(new LedgerLine(e.Id, e.CaseId, e.Kind, e.Amount, e.Currency, e.ReasonCode, e.Note, e.IssuedByName, e.CreatedAt, e.ReversesId, balances[e.Currency]));
            }

            return lines;
        }
    }
}
