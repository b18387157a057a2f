using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>One case with its timeline: the public part for its subscriber, everything for staff.</summary>
public static class GetCase
{
    public sealed record Query(Guid CaseId) : IQuery<CaseDetails>, ICaseRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, CaseDetails>
    {
        public async ValueTask<CaseDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var staff = user.IsStaff();
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

            SubscriberContext? context = null;
            if (staff && @case.Subscriber is { } s)
            {
                var previous = await db.Cases.CountAsync(c => c.SubscriberId == s.Id && c.Id != @case.Id, cancellationToken);
                context = new SubscriberContext(s.Id, s.DisplayName, s.Email, s.Plan.ToString(), s.Country, s.Language, s.MemberSince, previous);
            }

            var followUps = await db.FollowUps.AsNoTracking()
                .Where(f => f.CaseId == @case.Id && f.Status == FollowUpStatus.Pending)
                .OrderBy(f => f.DueAt)
                .Select(FollowUpView.Projection)
                .ToListAsync(cancellationToken);

            // Subscribers see who holds the case as first name and role only.
            var assignee = @case.Assignee is null ? null : staff ? @case.Assignee.DisplayName : Case.AgentLabel(@case.Assignee);
            return new CaseDetails(
                @case.Id, @case.DisplayNumber, @case.Subject, @case.Category, CaseCategories.Label(@case.Category), @case.Priority,
                @case.Status, @case.Stage, @case.Tier, @case.Queue, @case.Channel, assignee, @case.CreatedAt, @case.UpdatedAt,
                @case.ResolvedAt, timeline, context) { FollowUps = followUps };
        }
    }
}
