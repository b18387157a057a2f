using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// One case with its timeline: the public part for its subscriber (plus when to expect a reply and any promise
/// made to them), everything for staff, who also get the subscriber's context.
/// </summary>
public static class GetCase
{
    public sealed record Query(Guid CaseId) : IQuery<CaseDetails>, ICaseRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, CaseDetails>
    {
        public async ValueTask<CaseDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var staff = user.IsStaff();
            var now = clock.UtcNow;
            var @case = await db.Cases.AsNoTracking()
                .Include(c => c.Subscriber)
                .Include(c => c.Assignee)
                .SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken)
                ?? throw NotFoundException.Case(query.CaseId);

            var timeline = await db.Interactions.AsNoTracking()
                .Where(i => i.CaseId == @case.Id && (staff || i.Visibility == Visibility.Public))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .Select(TimelineEntry.Projection)
                .ToListAsync(cancellationToken);

            var followUps = await db.FollowUps.AsNoTracking()
                .Where(f => f.CaseId == @case.Id && f.Status == FollowUpStatus.Pending)
                .OrderBy(f => f.DueAt)
                .Select(f => new PendingFollowUp(f.Id, f.DueAt, f.AgentName, f.Note))
                .ToListAsync(cancellationToken);

            // Linked cases always belong to the same subscriber (merge and follow-on require it); the filter keeps it so.
            var linkIds = new[] { @case.PreviousCaseId, @case.MergedIntoId }.OfType<Guid>().ToList();
            var links = await db.Cases.AsNoTracking()
                .Where(c => c.SubscriberId == @case.SubscriberId && (linkIds.Contains(c.Id) || c.PreviousCaseId == @case.Id))
                .OrderBy(c => c.CreatedAt)
                .Select(c => new { c.Id, c.Number, c.PreviousCaseId })
                .ToListAsync(cancellationToken);
            CaseLink? Link(Guid? id) => links.Where(l => l.Id == id).Select(l => new CaseLink(l.Id, CaseNumber.Format(l.Number))).FirstOrDefault();
            var followOns = links.Where(l => l.PreviousCaseId == @case.Id).Select(l => new CaseLink(l.Id, CaseNumber.Format(l.Number))).ToList();

            SubscriberContext? context = null;
            if (staff && @case.Subscriber is { } s)
            {
                context = await SubscriberContextReader.ReadAsync(db, s, @case.Id, user.Tier ?? AgentTier.Tier1, now, cancellationToken);
            }

            // Subscribers see who holds the case as first name and role only.
            var assignee = @case.Assignee is null ? null : staff ? @case.Assignee.DisplayName : Case.AgentLabel(@case.Assignee);
            return new CaseDetails(
                @case.Id, @case.DisplayNumber, @case.Subject, @case.Category, CaseCategories.Label(@case.Category), @case.Priority,
                @case.Status, @case.Stage, @case.Tier, @case.Queue, @case.Channel, assignee, @case.CreatedAt, @case.UpdatedAt,
                @case.ResolvedAt, timeline, context, Sla(@case, staff, now), followUps,
                Link(@case.PreviousCaseId), Link(@case.MergedIntoId), followOns);
        }

        private static CaseSlaView Sla(Case c, bool staff, DateTimeOffset now)
        {
            var owed = c.Status is not (CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.PendingSubscriber) ? c.ResponseDueAt : null;
            return new CaseSlaView(
                owed,
                c.FirstRespondedAt is null,
                owed <= now,
                staff ? c.ResponseSla : null,
                staff ? c.ResolutionDueAt : null,
                staff ? c.ResolutionSla : null,
                c.SlaPausedAt);
        }
    }
}
