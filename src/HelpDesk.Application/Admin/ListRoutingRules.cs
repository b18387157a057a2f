using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>The routing rules in the order they are tried (enabled or not). Administrators only.</summary>
public static class ListRoutingRules
{
    public sealed record Query : IQuery<IReadOnlyList<RoutingRuleModel>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<RoutingRuleModel>>
    {
        public async ValueTask<IReadOnlyList<RoutingRuleModel>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rules = await db.RoutingRules.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(cancellationToken);
            return rules.Select(RoutingRuleModel.From).ToList();
        }
    }
}
