using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>
/// One case with its timeline: the public part for its subscriber (plus when to expect a reply and any promise
/// made to them), everything for staff, who also get the subscriber's context. One SQL statement, which is also the
/// authorization: a case the caller may not open reads as not found (<see cref="CaseReadModel"/>).
/// </summary>
public static class GetCase
{
    public sealed record Query(Guid CaseId) : IQuery<CaseDetails>, IRequireSignedIn;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, CaseDetails>
    {
        public async ValueTask<CaseDetails> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var read = await CaseReadModel.ReadAsync(db, user, query.CaseId, CaseReadModel.Parts.SubscriberContext, now, cancellationToken);
            return read.ToDetails(user.IsStaff(), now);
        }
    }
}
