using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Incidents for staff (every tier may look), newest first, keyset-paged; optionally only the open ones.</summary>
public static class ListIncidents
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query(string? Cursor = null, int PageSize = DefaultPageSize, bool OpenOnly = false) : IQuery<Page<IncidentSummary>>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || KeysetCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, Page<IncidentSummary>>
    {
        public async ValueTask<Page<IncidentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var incidents = db.Incidents.AsNoTracking();
            if (query.OpenOnly)
            {
                incidents = incidents.Where(i => i.Status == IncidentStatus.Open);
            }

            if (KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                incidents = incidents.Where(i => i.DeclaredAt < cursor.At || (i.DeclaredAt == cursor.At && i.Id.CompareTo(cursor.Id) < 0));
            }

            var rows = await incidents
                .OrderByDescending(i => i.DeclaredAt).ThenByDescending(i => i.Id)
                .Take(query.PageSize + 1)
                .Select(i => new IncidentSummary(
                    i.Id, i.Title, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt, i.DeclaredAt,
                    db.IncidentCases.Count(l => l.IncidentId == i.Id)))
                .ToListAsync(cancellationToken);
            var items = rows.Take(query.PageSize).ToList();
            var next = rows.Count > query.PageSize ? new KeysetCursor(items[^1].DeclaredAt, items[^1].Id).Encode() : null;
            return new Page<IncidentSummary>(items, next);
        }
    }
}

/// <summary>One incident for staff: scope, history (internal notes too), notification progress, linked cases.</summary>
public static class GetIncident
{
    public const int MaxLinkedCases = 500;

    public sealed record Query(Guid IncidentId) : IQuery<IncidentDetails>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, IncidentDetails>
    {
        public async ValueTask<IncidentDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.AsNoTracking().Include(i => i.Updates)
                .SingleOrDefaultAsync(i => i.Id == query.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(query.IncidentId);
            var affected = await IncidentMatching.Affected(db, incident.Scope).CountAsync(cancellationToken);
            var notices = (await db.IncidentNotices.AsNoTracking()
                    .Where(n => n.IncidentId == incident.Id)
                    .Select(n => new
                    {
                        n.UpdateId,
                        View = new IncidentNoticeView(
                            n.Id, n.Status, n.Total, n.Queued,
                            db.IncidentRecipients.Count(r => r.NoticeId == n.Id && db.OutboundEmails.Any(e => e.Id == r.OutboundEmailId && e.Status == OutboundEmailStatus.Sent)),
                            db.IncidentRecipients.Count(r => r.NoticeId == n.Id && db.OutboundEmails.Any(e => e.Id == r.OutboundEmailId && e.Status == OutboundEmailStatus.Failed)),
                            n.RequestedAt, n.CompletedAt),
                    })
                    .ToListAsync(cancellationToken))
                .ToDictionary(n => n.UpdateId, n => n.View);
            var tiers = CaseAccess.TiersOpenTo(user).ToArray();
            var linked = await db.IncidentCases.AsNoTracking()
                .Where(l => l.IncidentId == incident.Id)
                .Join(db.Cases.Where(c => tiers.Contains(c.Tier)), l => l.CaseId, c => c.Id, (l, c) => new { l, c.Number, c.Subject, c.Status, c.Category })
                .OrderByDescending(x => x.l.LinkedAt)
                .Take(MaxLinkedCases)
                .ToListAsync(cancellationToken);
            var credit = await db.IncidentCreditRuns.AsNoTracking()
                .Where(r => r.IncidentId == incident.Id)
                .OrderBy(r => r.Status == IncidentCreditStatus.Rejected).ThenByDescending(r => r.RequestedAt)
                .FirstOrDefaultAsync(cancellationToken);
            return new IncidentDetails(
                incident.Id, incident.Title, incident.Description, incident.Severity, incident.Status, IncidentScopeView.Of(incident), incident.LinkedCategories,
                incident.StartedAt, incident.ExpectedEndAt, incident.ResolvedAt, incident.ClosingNote, incident.DeclaredByName, incident.DeclaredAt, affected,
                incident.Updates.OrderByDescending(u => u.CreatedAt)
                    .Select(u => new IncidentUpdateView(u.Id, u.Kind, u.Body, u.AuthorName, u.CreatedAt, notices.GetValueOrDefault(u.Id)))
                    .ToList(),
                linked.Select(x => new LinkedCaseView(x.l.CaseId, CaseNumber.Format(x.Number), x.Subject, x.Status, x.Category, x.l.Automatic, x.l.LinkedByName, x.l.LinkedAt)).ToList(),
                CanManage: user.Tier is { } tier && tier >= AgentTier.Tier2,
                Credit: credit is null ? null : IncidentCreditView.Of(credit),
                CanDecideCredit: credit is { Status: IncidentCreditStatus.PendingApproval } && user.IsInRole(Roles.Supervisor) && credit.RequestedByAgentId != user.AgentId);
        }
    }
}

/// <summary>The public status page: open incidents and those resolved in the last week, public updates only.</summary>
public static class ListPublicIncidents
{
    public sealed record Query : IQuery<IReadOnlyList<PublicIncident>>, IAllowAnonymous;

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, IReadOnlyList<PublicIncident>>
    {
        public async ValueTask<IReadOnlyList<PublicIncident>> Handle(Query query, CancellationToken cancellationToken)
        {
            var since = clock.UtcNow - IncidentMatching.RecentWindow;
            var incidents = await db.Incidents.AsNoTracking().Include(i => i.Updates)
                .Where(i => i.Status == IncidentStatus.Open || i.ResolvedAt >= since)
                .OrderBy(i => i.Status).ThenByDescending(i => i.DeclaredAt)
                .Take(50)
                .ToListAsync(cancellationToken);
            return incidents.Select(PublicIncident.Of).ToList();
        }
    }
}

/// <summary>The signed-in subscriber's open incidents (the portal banner).</summary>
public static class GetMyIncidents
{
    public sealed record Query : IQuery<IReadOnlyList<PublicIncident>>, IRequireSubscriber;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, IReadOnlyList<PublicIncident>>
    {
        public async ValueTask<IReadOnlyList<PublicIncident>> Handle(Query query, CancellationToken cancellationToken)
        {
            // On every portal page: the open incidents with their updates, then (only when there are any) the subscriber's profile.
            var mine = await IncidentMatching.ForSubscriberAsync(db, user.SubscriberId!.Value, clock.UtcNow, openOnly: true, withUpdates: true, cancellationToken);
            return mine.OrderByDescending(i => i.DeclaredAt).Select(PublicIncident.Of).ToList();
        }
    }
}

/// <summary>The subscriber context panel (case and chat pages): open and recent incidents affecting the case's subscriber.</summary>
public static class GetCaseIncidents
{
    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<IncidentSummary>>, ICaseRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, IReadOnlyList<IncidentSummary>>
    {
        public async ValueTask<IReadOnlyList<IncidentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsStaff())
            {
                throw NotFoundException.Case(query.CaseId);
            }

            var subscriberId = await db.Cases.AsNoTracking().Where(c => c.Id == query.CaseId).Select(c => c.SubscriberId).SingleAsync(cancellationToken);
            return Summaries(await IncidentMatching.ForSubscriberAsync(db, subscriberId, clock.UtcNow, openOnly: false, withUpdates: false, cancellationToken));
        }
    }

    internal static IReadOnlyList<IncidentSummary> Summaries(IEnumerable<Domain.Incidents.Incident> incidents) =>
        incidents.Select(i => new IncidentSummary(i.Id, i.Title, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt, i.DeclaredAt, 0)).ToList();
}
