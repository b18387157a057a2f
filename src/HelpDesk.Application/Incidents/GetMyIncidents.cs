using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;

namespace HelpDesk.Application.Incidents;

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
