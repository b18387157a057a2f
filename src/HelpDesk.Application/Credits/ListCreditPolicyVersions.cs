using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>Every version of the credit authority policy, newest first (administrators).</summary>
public static class ListCreditPolicyVersions
{
    public sealed record Query : IQuery<IReadOnlyList<CreditPolicyView>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<CreditPolicyView>>
    {
        public async ValueTask<IReadOnlyList<CreditPolicyView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var policies = await db.CreditAuthorityPolicies.AsNoTracking().OrderByDescending(p => p.Version).ToListAsync(cancellationToken);
            return policies.Select(CreditPolicyView.From).ToList();
        }
    }
}
