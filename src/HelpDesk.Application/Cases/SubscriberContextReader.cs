using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>Reads the staff-only subscriber context for the case page (plan, devices, money, history).</summary>
internal static class SubscriberContextReader
{
    public const int PaymentsShown = 6;
    public const int PreviousCasesShown = 10;
    public const int CreditsShown = 20;
    public const int CreditMonths = 12;

    public static async Task<SubscriberContext> ReadAsync(
        IHelpDeskDb db, Subscriber s, Guid currentCaseId, AgentTier viewerTier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var devices = await db.SubscriberDevices.AsNoTracking()
            .Where(d => d.SubscriberId == s.Id)
            .OrderByDescending(d => d.LastSeenAt)
            .Select(d => new DeviceView(d.Kind, d.Name, d.AppVersion, d.LastSeenAt))
            .ToListAsync(cancellationToken);

        var payments = await db.SubscriberPayments.AsNoTracking()
            .Where(p => p.SubscriberId == s.Id)
            .OrderByDescending(p => p.At).ThenByDescending(p => p.Id)
            .Take(PaymentsShown)
            .Select(p => new PaymentView(p.Amount, p.Currency, p.Status, p.Method, p.At))
            .ToListAsync(cancellationToken);

        // Only what the viewer's tier may open: a credit given on a case above it (with its internal note) is that case's.
        var visibleTiers = TierScope.UpTo(viewerTier);
        var creditsSince = now.AddMonths(-CreditMonths);
        var credits = db.CreditEntries.AsNoTracking().Where(c => c.SubscriberId == s.Id && c.CreatedAt >= creditsSince
            && (c.CaseId == null || db.Cases.Any(k => k.Id == c.CaseId && visibleTiers.Contains(k.Tier))));
        var creditList = await credits
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(CreditsShown)
            .Select(c => new CreditView(c.Id, c.Kind, c.Amount, c.Currency, c.ReasonCode, c.Note, c.IssuedByName, c.CaseId, c.CreatedAt))
            .ToListAsync(cancellationToken);
        var creditTotals = await credits
            .GroupBy(c => c.Currency)
            .Select(g => new MoneyTotal(g.Key, g.Sum(c => c.Amount)))
            .ToListAsync(cancellationToken);

        // Cases above the viewer's tier are not listed at all: not even their number, status or tier.
        var others = db.Cases.AsNoTracking().Where(c => c.SubscriberId == s.Id && c.Id != currentCaseId && visibleTiers.Contains(c.Tier));
        var previousCount = await others.CountAsync(cancellationToken);
        var previousRows = await others
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(PreviousCasesShown)
            .Select(c => new
            {
                c.Id, c.Number, c.Subject, c.Status, c.Tier, c.CreatedAt, c.ResolvedAt, c.ClosedAt,
                MergedIntoNumber = db.Cases.Where(m => m.Id == c.MergedIntoId).Select(m => (long?)m.Number).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var previous = previousRows.Select(c => new PreviousCaseView(
                c.Id, CaseNumber.Format(c.Number), c.Subject, c.Status, c.Tier, c.CreatedAt, c.ResolvedAt, c.ClosedAt,
                c.MergedIntoNumber is { } merged ? CaseNumber.Format(merged) : null))
            .ToList();

        var followUpRows = await (
                from f in db.FollowUps.AsNoTracking()
                join c in db.Cases on f.CaseId equals c.Id
                where f.Status == FollowUpStatus.Pending && c.SubscriberId == s.Id && visibleTiers.Contains(c.Tier)
                orderby f.DueAt
                select new { CaseId = c.Id, c.Number, f.DueAt, f.AgentName, f.Note })
            .ToListAsync(cancellationToken);
        var followUps = followUpRows
            .Select(f => new OpenFollowUpView(f.CaseId, CaseNumber.Format(f.Number), f.DueAt, f.AgentName, f.Note, f.DueAt <= now))
            .ToList();

        return new SubscriberContext(
            s.Id, s.DisplayName, s.Email, s.Plan.ToString(), s.MonthlyPrice, s.BillingCurrency, s.Country, s.Language, s.TimeZone,
            s.MemberSince, TenureMonths(s.MemberSince, now), devices, payments, creditList, creditTotals, previous, previousCount, followUps);
    }

    /// <summary>Whole calendar months from <paramref name="since"/> to <paramref name="now"/>.</summary>
    internal static int TenureMonths(DateTimeOffset since, DateTimeOffset now)
    {
        if (now <= since)
        {
            return 0;
        }

        var months = ((now.Year - since.Year) * 12) + now.Month - since.Month;
        if (now.Day < since.Day || (now.Day == since.Day && now.TimeOfDay < since.TimeOfDay))
        {
            months--;
        }

        return Math.Max(0, months);
    }
}
