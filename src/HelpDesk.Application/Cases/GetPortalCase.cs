using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Escalations;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>
/// The portal case page in one statement (ADR 0117): the subscriber's own case with its public timeline, what was credited on
/// it (no notes) and their own requests for a supervisor. Someone else's case, or an anonymous guest chat's, is "not found".
/// </summary>
public static class GetPortalCase
{
    public sealed record Query(Guid CaseId) : IQuery<Result>, IRequireSubscriber;

    public sealed record Result(CaseDetails Case, IReadOnlyList<GetCaseCredits.CaseCredit> Credits, IReadOnlyList<EscalationView> SupervisorRequests);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var read = await CaseReadModel.ReadAsync(db, user, query.CaseId, CaseReadModel.Parts.Portal, now, cancellationToken);
            return new Result(read.ToDetails(staff: false, now), GetCaseCredits.Lines([], read.CreditEntries, staff: false), read.Escalations);
        }
    }
}
