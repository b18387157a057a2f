using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Macros;

/// <summary>
/// A saved reply filled in for one case (subscriber's and agent's first names, case number and subject, plan),
/// ready for the agent to edit and send. Nothing is sent or stored.
/// </summary>
public static class RenderMacro
{
    public sealed record Query(Guid CaseId, Guid MacroId) : IQuery<RenderedMacro>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, RenderedMacro>
    {
        public async ValueTask<RenderedMacro> Handle(Query query, CancellationToken cancellationToken)
        {
            var macro = await db.Macros.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.MacroId && m.IsActive, cancellationToken)
                ?? throw MacroErrors.NotFound(query.MacroId);
            var target = await db.Cases.AsNoTracking()
                .Where(c => c.Id == query.CaseId)
                .Select(c => new { c.Number, c.Subject, c.Subscriber!.FirstName, c.Subscriber.Plan })
                .SingleAsync(cancellationToken);
            var agentFirstName = await db.Agents.AsNoTracking()
                .Where(a => a.Id == user.AgentId)
                .Select(a => a.FirstName)
                .SingleAsync(cancellationToken);

            var values = new Dictionary<string, string>
            {
                ["subscriber.first_name"] = target.FirstName,
                ["agent.first_name"] = agentFirstName,
                ["case.number"] = CaseNumber.Format(target.Number),
                ["case.subject"] = target.Subject,
                ["subscriber.plan"] = target.Plan.ToString(),
            };
            return new RenderedMacro(macro.Id, macro.Name, macro.Render(values), macro.Explanation);
        }
    }
}
