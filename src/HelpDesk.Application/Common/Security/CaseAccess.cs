using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Common.Security;

/// <summary>
/// The one rule for whether a member of staff may open a case (and everything hanging off it: its chat, callbacks,
/// credits, audit). A case the caller may not open does not exist for them: every entry point answers exactly as for
/// a random id (<see cref="NotFoundException.Case"/>), so neither its existence nor its tier leaks.
/// </summary>
public static class CaseAccess
{
    /// <summary>Whether <paramref name="user"/> (staff) may open a case held at <paramref name="caseTier"/>.</summary>
    public static bool StaffMayOpen(ICurrentUser user, AgentTier caseTier) =>
        user.IsStaff() && user.Tier is { } tier && tier >= caseTier;

    /// <summary>Throws the uniform "not found" unless <paramref name="user"/> (staff) may open the case.</summary>
    public static void EnsureStaffMayOpen(ICurrentUser user, Guid caseId, AgentTier caseTier)
    {
        if (!StaffMayOpen(user, caseTier))
        {
            throw NotFoundException.Case(caseId);
        }
    }

    /// <summary>The tiers whose cases <paramref name="user"/> (staff) may open; none for anyone else.</summary>
    public static IReadOnlyList<AgentTier> TiersOpenTo(ICurrentUser user) =>
        user.IsStaff() && user.Tier is { } tier ? TierScope.UpTo(tier) : [];

    /// <summary>
    /// The cases a subscriber owns through their account. A case opened by an anonymous guest chat is an unverified
    /// contact's even when the guest gave this subscriber's email: it never shows in their portal or API, and they
    /// cannot open or join it (anyone can type an address). The exception is a contact claimed by the owner of its address
    /// after confirming it (ADR 0113): its guest chats are marked claimed and their cases are the account's.
    /// </summary>
    public static IQueryable<Case> OwnedThroughAccount(this IQueryable<Case> cases, IHelpDeskDb db, Guid? subscriberId) =>
        cases.Where(c => c.SubscriberId == subscriberId && !db.ChatConversations.Any(ch => ch.CaseId == c.Id && ch.IsGuest && ch.ClaimedAt == null));
}
