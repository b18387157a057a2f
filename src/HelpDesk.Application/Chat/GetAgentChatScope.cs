using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The signed-in agent's chat scope for the console: their tier and the languages they speak (none listed: all), so
/// the queue page can show the chats they can take in their languages first. Language matching is the one the queue's
/// wait estimate uses: the chat language's primary subtag (<c>es-MX</c> → <c>es</c>).
/// </summary>
public static class GetAgentChatScope
{
    public sealed record Query : IQuery<Result>, IRequireStaff;

    public sealed record Result(AgentTier Tier, IReadOnlyList<string> Languages)
    {
        public bool Speaks(string chatLanguage) =>
            Languages.Count == 0 || Languages.Contains(chatLanguage.Split('-', 2)[0].ToLowerInvariant(), StringComparer.Ordinal);
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var agent = await db.Agents.AsNoTracking().Where(a => a.Id == agentId).Select(a => new { a.Tier, a.Languages }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ForbiddenException("That account has no agent profile.");
            return new Result(agent.Tier, agent.Languages);
        }
    }
}
