using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>Where a case stands after an agent's action (status, priority, category, placement, holder).</summary>
/// <param name="CanWork">Whether the agent who acted can still work the case (a sensitive category moves it to Tier 3).</param>
public sealed record CaseState(
    Guid Id,
    string Number,
    CaseStatus Status,
    CasePriority Priority,
    CaseCategory Category,
    AgentTier Tier,
    string Queue,
    Guid? AssigneeId,
    string? AssigneeName,
    bool CanWork)
{
    public static CaseState Of(Case @case, Agent actor)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(actor);
        return new CaseState(@case.Id, @case.DisplayNumber, @case.Status, @case.Priority, @case.Category, @case.Tier, @case.Queue,
            @case.AssigneeId, @case.AssigneeId is null ? null : @case.Assignee?.DisplayName, actor.CanWork(@case.Tier));
    }
}

/// <summary>Loading and saving helpers the case actions share.</summary>
internal static class CaseActionSupport
{
    /// <summary>The signed-in member of staff as a domain agent (tracked).</summary>
    public static async Task<Agent> ActingAgentAsync(this IHelpDeskDb db, ICurrentUser user, CancellationToken cancellationToken) =>
        await db.Agents.SingleOrDefaultAsync(a => a.Id == user.AgentId, cancellationToken)
        ?? throw new ForbiddenException("Your account has no agent profile.");

    /// <summary>The case with its holder and follow-up promises, tracked for changes.</summary>
    public static async Task<Case> CaseForChangeAsync(this IHelpDeskDb db, Guid caseId, CancellationToken cancellationToken) =>
        await db.Cases.Include(c => c.Assignee).Include(c => c.FollowUps).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken)
        ?? throw NotFoundException.Case(caseId);
}
