using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// The signed-in subscriber's own credits, newest first, with the case each was given on and the balance per currency.
/// There is no parameter to forge: the subscriber comes from the sign-in, never from the request.
/// </summary>
public static class GetMyCredits
{
    public sealed record Query : IQuery<Result>, IRequireSubscriber;

    public sealed record Result(IReadOnlyList<MyCredit> Credits, IReadOnlyList<Balance> Balances);

    public sealed record MyCredit(
        Guid Id, Guid? CaseId, string? CaseNumber, CreditEntryKind Kind, decimal Amount, string Currency, string ReasonCode, string IssuedBy, DateTimeOffset CreatedAt);

    public sealed record Balance(decimal Amount, string Currency);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var subscriberId = user.SubscriberId!.Value;
            var rows = await (
                from e in db.CreditEntries.AsNoTracking()
                where e.SubscriberId == subscriberId
                join c in db.Cases on e.CaseId equals c.Id into cases
                from c in cases.DefaultIfEmpty()
                orderby e.CreatedAt descending, e.Id descending
                select new { e.Id, e.CaseId, Number = c == null ? (long?)null : c.Number, e.Kind, e.Amount, e.Currency, e.ReasonCode, e.IssuedByName, e.CreatedAt })
                .ToListAsync(cancellationToken);
            var credits = rows.Select(r => new MyCredit(r.Id, r.CaseId, r.Number is { } n ? Domain.Cases.CaseNumber.Format(n) : null, r.Kind, r.Amount, r.Currency,
                r.ReasonCode, r.IssuedByName, r.CreatedAt)).ToList();
            var balances = credits.GroupBy(c => c.Currency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new Balance(g.Sum(c => c.Amount), g.Key)).ToList();
            return new Result(credits, balances);
        }
    }
}
