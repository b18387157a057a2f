using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Agents;

/// <summary>
/// The counts in the staff navigation, shown on every page, in one SQL statement: chats waiting that this agent may accept
/// in their languages (the same rule as <see cref="ListChatQueue"/> with <see cref="GetAgentChatScope"/>), their unread
/// notifications, and for supervisors the approvals waiting (<see cref="Escalations.CountPendingApprovals"/>). The live
/// console keeps them current between page loads.
/// </summary>
public static class GetNavigationBadges
{
    public sealed record Query : IQuery<Result>, IRequireStaff;

    /// <param name="PendingApprovals">Null unless the caller is a supervisor.</param>
    public sealed record Result(int ChatsWaiting, int UnreadNotifications, int? PendingApprovals);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var tier = user.Tier ?? throw new ForbiddenException("Your account has no tier.");
            var supervisor = user.IsInRole(Roles.Supervisor);
            // IHelpDeskDb is the app's DbContext; the compiled statement takes it as such.
            var row = await Read((DbContext)db, agentId, supervisor, cancellationToken)
                ?? throw new ForbiddenException("That account has no agent profile.");

            var scope = new GetAgentChatScope.Result(row.Tier, row.Languages);
            var chats = row.Waiting.Count(c => ChatConversation.TierReaches(tier, c.Tier) && scope.Speaks(c.Language));
            return new Result(chats, row.Unread, supervisor ? row.Approvals : null);
        }

        /// <summary>The statement, compiled once: it runs on every staff page, and building it per request cost more than running it.</summary>
        private static readonly Func<DbContext, Guid, bool, CancellationToken, Task<Row?>> Read =
            EF.CompileAsyncQuery((DbContext db, Guid agentId, bool supervisor, CancellationToken _) =>
                db.Set<Agent>().AsNoTracking()
                    .Where(a => a.Id == agentId)
                    .Select(a => new Row
                    {
                        Tier = a.Tier,
                        Languages = a.Languages,
                        Unread = db.Set<Notification>().Count(n => n.AgentId == a.Id && n.ReadAt == null),
                        Approvals = supervisor
                            ? db.Set<CreditRequest>().Count(r => r.Status == CreditRequestStatus.PendingApproval)
                                + db.Set<EscalationRequest>().Count(r => r.Status == EscalationStatus.Pending)
                            : 0,
                        // Few chats wait at any time; tiers are stored by name, so which ones this agent reaches is decided below.
                        Waiting = db.Set<ChatConversation>()
                            .Where(c => ChatQueueReader.WaitingStates.Contains(c.State) && c.QueueTier != null && c.QueuedAt != null
                                && db.Set<Case>().Any(k => k.Id == c.CaseId))
                            .Select(c => new WaitingChat { Tier = c.QueueTier!.Value, Language = c.Language })
                            .ToList(),
                    })
                    .SingleOrDefault());

        private sealed class Row
        {
            public AgentTier Tier { get; init; }
            public List<string> Languages { get; init; } = [];
            public int Unread { get; init; }
            public int Approvals { get; init; }
            public List<WaitingChat> Waiting { get; init; } = [];
        }

        private sealed class WaitingChat
        {
            public AgentTier Tier { get; init; }
            public string Language { get; init; } = string.Empty;
        }
    }
}
