using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// A member of staff opens a case page and wants live presence ("Priya (Tier 2 agent) is viewing this case").
/// Same access rules as opening the case; answers with how others will see the caller.
/// </summary>
public static class WatchCase
{
    public sealed record Query(Guid CaseId) : IQuery<Viewer>, ICaseRequest, IRequireStaff;

    /// <param name="Label">First name and role, e.g. "Priya (Tier 2 agent)".</param>
    public sealed record Viewer(Guid CaseId, Guid AgentId, string Label);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Viewer>
    {
        public async ValueTask<Viewer> Handle(Query query, CancellationToken cancellationToken)
        {
            var agent = await db.Agents.AsNoTracking().SingleOrDefaultAsync(a => a.Id == user.AgentId, cancellationToken)
                ?? throw new ForbiddenException("Only support staff can do this.");
            return new Viewer(query.CaseId, agent.Id, Case.AgentLabel(agent));
        }
    }
}
