using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Accounts;

/// <summary>
/// "Download my data": the signed-in subscriber's profile, cases with their public messages (never internal notes) and
/// credits (never staff notes), as one document. The subscriber comes from the sign-in, never from the request.
/// </summary>
public static class ExportMyData
{
    public sealed record Query : IQuery<Export>, IRequireSubscriber;

    public sealed record Export(DateTimeOffset ExportedAt, Profile Profile, IReadOnlyList<ExportedCase> Cases, IReadOnlyList<ExportedCredit> Credits);

    public sealed record Profile(string Email, string FirstName, string LastName, string Country, string Language, string TimeZone, string Plan, DateTimeOffset MemberSince);

    public sealed record ExportedCase(
        string Number, string Subject, string Status, string Channel, string Category, DateTimeOffset OpenedAt, DateTimeOffset? ResolvedAt, IReadOnlyList<ExportedMessage> Messages);

    public sealed record ExportedMessage(DateTimeOffset At, string From, string AuthorKind, string Channel, string Text);

    public sealed record ExportedCredit(DateTimeOffset At, string? CaseNumber, string Kind, decimal Amount, string Currency, string Reason);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Export>
    {
        public async ValueTask<Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var id = user.SubscriberId!.Value;
            var s = await db.Subscribers.AsNoTracking().SingleAsync(x => x.Id == id, cancellationToken);
            var cases = await db.Cases.AsNoTracking().OwnedThroughAccount(db, id).OrderBy(c => c.Number)
                .Select(c => new { c.Id, c.Number, c.Subject, c.Status, c.Channel, c.Category, c.CreatedAt, c.ResolvedAt })
                .ToListAsync(cancellationToken);
            var ids = cases.Select(c => c.Id).ToList();
            var messages = (await db.Interactions.AsNoTracking()
                    .Where(i => ids.Contains(i.CaseId) && i.Visibility == Visibility.Public)
                    .OrderBy(i => i.CreatedAt)
                    .Select(i => new { i.CaseId, i.CreatedAt, i.AuthorName, i.AuthorKind, i.Channel, i.Body })
                    .ToListAsync(cancellationToken))
                .ToLookup(i => i.CaseId);
            var credits = await (
                from e in db.CreditEntries.AsNoTracking()
                where e.SubscriberId == id
                join c in db.Cases on e.CaseId equals c.Id into joined
                from c in joined.DefaultIfEmpty()
                orderby e.CreatedAt
                select new { e.CreatedAt, Number = c == null ? (long?)null : c.Number, e.Kind, e.Amount, e.Currency, e.ReasonCode })
                .ToListAsync(cancellationToken);

            return new Export(
                clock.UtcNow,
                new Profile(s.Email, s.FirstName, s.LastName, s.Country, s.Language, s.TimeZone, s.Plan.ToString(), s.MemberSince),
                cases.Select(c => new ExportedCase(CaseNumber.Format(c.Number), c.Subject, c.Status.ToString(), c.Channel.ToString(), c.Category.ToString(), c.CreatedAt, c.ResolvedAt,
                    messages[c.Id].Select(m => new ExportedMessage(m.CreatedAt, m.AuthorName, m.AuthorKind.ToString(), m.Channel.ToString(), m.Body)).ToList())).ToList(),
                credits.Select(e => new ExportedCredit(e.CreatedAt, e.Number is { } n ? CaseNumber.Format(n) : null, e.Kind.ToString(), e.Amount, e.Currency, e.ReasonCode)).ToList());
        }
    }
}
