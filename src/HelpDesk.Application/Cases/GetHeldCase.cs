using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Escalations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// "A case I held": the read-only view an agent keeps of a case that moved above their tier (escalated, asked for a
/// supervisor, a sensitive category). It shows the public timeline, the agent's own internal notes, their promises and
/// the outcome, with who holds the case now and why it moved. Nothing on it can change the case.
/// This is the one exception to "staff see only cases at or below their tier" (<see cref="PreviousHolderAccess"/>).
/// </summary>
public static class GetHeldCase
{
    public sealed record Query(Guid CaseId) : IQuery<HeldCaseView>, IPreviousHolderRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, HeldCaseView>
    {
        public async ValueTask<HeldCaseView> Handle(Query query, CancellationToken cancellationToken)
        {
            var me = user.AgentId ?? throw NotFoundException.Case(query.CaseId);
            var @case = await db.Cases.AsNoTracking().Include(c => c.Assignee)
                .SingleOrDefaultAsync(c => c.Id == query.CaseId, cancellationToken) ?? throw NotFoundException.Case(query.CaseId);
            var timeline = await db.Interactions.AsNoTracking()
                .Where(i => i.CaseId == @case.Id && (i.Visibility == Visibility.Public || (i.AuthorKind == AuthorKind.Agent && i.AuthorId == me)))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .Select(TimelineEntry.Projection)
                .ToListAsync(cancellationToken);
            var promises = await db.FollowUps.AsNoTracking().Where(f => f.CaseId == @case.Id && f.AgentId == me).OrderBy(f => f.CreatedAt)
                .Select(f => new HeldPromise(f.DueAt, f.Note, f.Status, f.SettledAt)).ToListAsync(cancellationToken);
            var moved = await db.EscalationRequests.AsNoTracking()
                .Where(e => e.CaseId == @case.Id && e.Status != EscalationStatus.Rejected && e.ToTier == @case.Tier)
                .OrderByDescending(e => e.RequestedAt)
                .Select(e => new HeldMove(e.Kind, e.Rule, e.RequestedByName, e.FromTier, e.ToTier, e.Reason, e.RequestedAt))
                .FirstOrDefaultAsync(cancellationToken);
            var holder = @case.Assignee is { } a ? Case.AgentLabel(a) : null;
            return new HeldCaseView(@case.Id, @case.DisplayNumber, @case.Subject, @case.Status, @case.Tier, holder, moved,
                @case.ResolvedAt, @case.ClosedAt, timeline, promises);
        }
    }
}

/// <summary>Whether the signed-in agent held or worked a case: the only way staff see a case above their tier.</summary>
public static class PreviousHolderAccess
{
    /// <summary>Not a previous holder (or not staff): "not found", as for any case the caller may not open.</summary>
    public static async Task AuthorizeAsync(IHelpDeskDb db, ICurrentUser user, Guid caseId, CancellationToken cancellationToken)
    {
        if (!user.IsStaff() || user.AgentId is not { } me || !await HeldAsync(db, me, caseId, cancellationToken))
        {
            throw NotFoundException.Case(caseId);
        }
    }

    /// <summary>
    /// The agent lost the case to a higher tier (every such move notifies the holder it drops), or worked it: wrote on
    /// it, promised a follow-up on it, or took its chat.
    /// </summary>
    public static async Task<bool> HeldAsync(IHelpDeskDb db, Guid agentId, Guid caseId, CancellationToken cancellationToken) =>
        await db.Notifications.AnyAsync(n => n.CaseId == caseId && n.AgentId == agentId && n.Kind == "case.unassigned", cancellationToken)
        || await db.Interactions.AnyAsync(i => i.CaseId == caseId && i.AuthorId == agentId && i.AuthorKind == AuthorKind.Agent, cancellationToken)
        || await db.FollowUps.AnyAsync(f => f.CaseId == caseId && f.AgentId == agentId, cancellationToken)
        || await db.ChatConversations.AnyAsync(c => c.CaseId == caseId && c.AgentId == agentId, cancellationToken);
}

public sealed record HeldPromise(DateTimeOffset DueAt, string? Note, FollowUpStatus Status, DateTimeOffset? SettledAt);

/// <summary>The move that took the case to its current tier: by a rule, an agent, or the subscriber.</summary>
public sealed record HeldMove(EscalationKind Kind, string? Rule, string RequestedBy, AgentTier FromTier, AgentTier ToTier, string Reason, DateTimeOffset At);

public sealed record HeldCaseView(
    Guid Id,
    string Number,
    string Subject,
    CaseStatus Status,
    AgentTier Tier,
    string? Holder,
    HeldMove? Move,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<HeldPromise> Promises);
