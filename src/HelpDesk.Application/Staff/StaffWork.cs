using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Staff;

/// <summary>Hands back what a person who stops working cases (or some of them) holds: cases, live chats, claimed callbacks.</summary>
internal static class StaffWork
{
    /// <summary>
    /// Open cases go back to their queues unassigned, each with a timeline line and an audit event; live chats go back to
    /// their tier's chat queue (the subscriber is told a colleague will take over); claimed callbacks wait again.
    /// With <paramref name="keepUpTo"/> set (a lower tier), only what is above that tier is handed back.
    /// </summary>
    /// <returns>How many cases, chats and callbacks were handed back.</returns>
    public static async Task<(int Cases, int Chats, int Callbacks)> HandBackAsync(
        IHelpDeskDb db, ChatWork chats, Agent agent, string why, Actor actor, DateTimeOffset now, CancellationToken cancellationToken, AgentTier? keepUpTo = null)
    {
        var name = Case.AgentLabel(agent);
        var cases = await db.Cases
            .Where(c => c.AssigneeId == agent.Id && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .Where(c => keepUpTo == null || c.Tier > keepUpTo)
            .ToListAsync(cancellationToken);
        foreach (var @case in cases)
        {
            @case.ReturnToQueue($"{name} {why}; the case is back in its queue for the next agent.", now);
            db.AuditEvents.Add(AuditEvent.Record(now, actor, "case.returned_to_queue", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("assignee", name, null), ("reason", null, why))));
        }

        var chatIds = await db.ChatConversations
            .Where(c => c.AgentId == agent.Id && c.State == ChatState.WithAgent)
            .Where(c => keepUpTo == null || (c.QueueTier ?? AgentTier.Tier1) > keepUpTo)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var chatId in chatIds)
        {
            var chat = await chats.LockAsync(chatId, cancellationToken);
            if (chat.State != ChatState.WithAgent || chat.AgentId != agent.Id)
            {
                continue;
            }

            var @case = await chats.CaseOfAsync(chat, cancellationToken);
            var tier = chat.QueueTier is { } queued && queued > @case.Tier ? queued : @case.Tier;
            chat.TransferToTier(tier, chats.Options.StaffedHours.ToHours().IsStaffed(now), now);
            if (@case.AssigneeId == agent.Id)
            {
                @case.ReturnToQueue($"{name} {why}; the chat is back in the {tier} chat queue.", now);
            }

            chats.SaySystem(chat, @case, "You are being passed to a colleague who can help further. They will see everything written so far.", now.AddTicks(10));
            chats.Audit(chat, "chat.returned_to_queue", ("agent", name, null), ("reason", null, why));
            if (chat.State == ChatState.FallbackOffered)
            {
                chats.OfferedFallback(chat, @case, now.AddTicks(20));
            }
        }

        if (chatIds.Count > 0)
        {
            chats.QueueChanged();
        }

        var callbacks = await db.Callbacks
            .Where(c => c.ClaimedById == agent.Id && c.Status == CallbackStatus.Claimed)
            .ToListAsync(cancellationToken);
        foreach (var callback in callbacks)
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == callback.CaseId, cancellationToken);
            if (keepUpTo is { } kept && @case.Tier <= kept)
            {
                continue;
            }

            callback.ReleaseClaim(now);
            @case.AddCallbackEntry($"{name} {why}; the callback is back in the queue for another agent.", Domain.Cases.Visibility.Internal, now);
            db.AuditEvents.Add(AuditEvent.Record(now, actor, "callback.returned_to_queue", "callback", callback.Id.ToString(), @case.Id,
                AuditData.Of(("claimedBy", name, null), ("reason", null, why))));
        }

        return (cases.Count, chatIds.Count, callbacks.Count);
    }
}
