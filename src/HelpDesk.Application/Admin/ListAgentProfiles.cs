using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>Staff with their work profile and current active load; one agent when <see cref="Query.AgentId"/> is set. Administrators only.</summary>
public static class ListAgentProfiles
{
    public sealed record Query(Guid? AgentId = null) : IQuery<IReadOnlyList<AgentProfileModel>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<AgentProfileModel>>
    {
        public async ValueTask<IReadOnlyList<AgentProfileModel>> Handle(Query query, CancellationToken cancellationToken)
        {
            var agents = db.Agents.AsNoTracking();
            if (query.AgentId is { } id)
            {
                agents = agents.Where(a => a.Id == id);
            }

            var rows = await agents
                .Select(a => new
                {
                    a.Id,
                    a.FirstName,
                    a.LastName,
                    a.Email,
                    a.Tier,
                    a.Skills,
                    a.Languages,
                    a.Capacity,
                    Load = db.AgentWorkloads.Where(w => w.AgentId == a.Id).Select(w => w.ActiveCases).FirstOrDefault(),
                    a.ChatCapacity,
                    Chats = db.ChatConversations.Count(c => c.AgentId == a.Id && c.State == ChatState.WithAgent),
                })
                .ToListAsync(cancellationToken);
            if (query.AgentId is { } missing && rows.Count == 0)
            {
                throw AdminErrors.Agent(missing);
            }

            return rows
                .Select(r => new AgentProfileModel(r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.Tier, r.Skills, r.Languages, r.Capacity, r.Load, r.ChatCapacity, r.Chats))
                .OrderBy(a => a.Tier).ThenBy(a => a.Name, StringComparer.CurrentCulture)
                .ToList();
        }
    }
}
