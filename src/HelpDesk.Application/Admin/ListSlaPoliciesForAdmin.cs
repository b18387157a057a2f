using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Sla;
using Mediator;

namespace HelpDesk.Application.Admin;

/// <summary>The SLA policies, for administrators (who have no agent profile, so the staff list is closed to them).</summary>
public static class ListSlaPoliciesForAdmin
{
    public sealed record Query : IQuery<IReadOnlyList<ListSlaPolicies.PolicyModel>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<ListSlaPolicies.PolicyModel>>
    {
        public async ValueTask<IReadOnlyList<ListSlaPolicies.PolicyModel>> Handle(Query query, CancellationToken cancellationToken) =>
            await ListSlaPolicies.ReadAsync(db, cancellationToken);
    }
}
