using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Agents;

public static class AgentLocks
{
    /// <summary>
    /// Reads the agent and locks their row until the command's transaction ends (<c>SELECT … FOR UPDATE</c>): one agent's
    /// parallel claims, accepts and incoming transfers are counted against their capacity one at a time. Null when there
    /// is no such agent. <paramref name="track"/>: false when the command only reads the agent.
    /// </summary>
    public static async Task<Agent?> LockAgentAsync(this IHelpDeskDb db, Guid agentId, CancellationToken cancellationToken, bool track = true)
    {
        var locked = db.Agents.FromSql($"SELECT * FROM agents WHERE id = {agentId} FOR UPDATE");
        return (await (track ? locked : locked.AsNoTracking()).ToListAsync(cancellationToken)).SingleOrDefault();
    }
}
