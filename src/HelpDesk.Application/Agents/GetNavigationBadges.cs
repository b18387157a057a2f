using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
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
            var waitingStates = ChatQueueReader.WaitingStates;
            var row = await db.Agents.AsNoTracking()
                .Where(a => a.Id == agentId)
                .Select(a => new
                {
                    a.Tier,
                    a.Languages,
                    Unread = db.Notifications.Count(n => n.AgentId == a.Id && n.ReadAt == null),
                    Approvals = supervisor
                        ? db.CreditRequests.Count(r => r.Status == CreditRequestStatus.PendingApproval)
                            + db.EscalationRequests.Count(r => r.Status == EscalationStatus.Pending)
                        : 0,
                    // Few chats wait at any time; tiers are stored by name, so which ones this agent reaches is decided below.
                    Waiting = db.ChatConversations
                        .Where(c => waitingStates.Contains(c.State) && c.QueueTier != null && c.QueuedAt != null && db.Cases.Any(k => k.Id == c.CaseId))
                        .Select(c => new { Tier = c.QueueTier!.Value, c.Language })
                        .ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new ForbiddenException("That account has no agent profile.");

            var scope = new GetAgentChatScope.Result(row.Tier, row.Languages);
            var chats = row.Waiting.Count(c => ChatConversation.TierReaches(tier, c.Tier) && scope.Speaks(c.Language));
            return new Result(chats, row.Unread, supervisor ? row.Approvals : null);
        }
    }
}
