using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;

namespace HelpDesk.Application.Credits;

/// <summary>The credit authority policy in force now (administrators).</summary>
public static class GetCreditPolicy
{
    public sealed record Query : IQuery<CreditPolicyView>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, IClock clock) : IQueryHandler<Query, CreditPolicyView>
    {
        public async ValueTask<CreditPolicyView> Handle(Query query, CancellationToken cancellationToken) =>
            CreditPolicyView.From(await db.CurrentCreditPolicyAsync(clock.UtcNow, cancellationToken));
    }
}
