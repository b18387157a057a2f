using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// A subscriber's credit ledger, oldest first, with the running balance per currency. Staff see anyone's; a subscriber
/// sees only their own (another subscriber's ledger does not exist for them).
/// </summary>
public static class GetLedger
{
    public sealed record Query(Guid SubscriberId) : IQuery<IReadOnlyList<LedgerLine>>, IRequireSignedIn;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<LedgerLine>>
    {
        public async ValueTask<IReadOnlyList<LedgerLine>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsStaff() && !(user.IsSubscriber() && user.SubscriberId == query.SubscriberId))
            {
                throw user.IsSubscriber() ? new NotFoundException($"Subscriber {query.SubscriberId} was not found.") : new ForbiddenException("Only staff and the subscriber can see a credit ledger.");
            }

            var entries = await db.CreditEntries.AsNoTracking().Where(e => e.SubscriberId == query.SubscriberId)
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
