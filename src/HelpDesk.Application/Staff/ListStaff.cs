using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Staff;

/// <summary>
/// Staff with role, tier, status (active, invited, deactivated) and last sign-in, a page at a time: pending invitations
/// first, then people by name. Administrators only.
/// </summary>
public static class ListStaff
{
    public const int MaxPageSize = 100;

    public sealed record Query(int Page = 1, int PageSize = 25) : IQuery<StaffPage>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, IClock clock) : IQueryHandler<Query, StaffPage>
    {
        public async ValueTask<StaffPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
            var all = await AllAsync(db, accounts, clock.UtcNow, cancellationToken);
            var pageCount = Math.Max(1, (all.Count + size - 1) / size);
            var page = Math.Clamp(query.Page, 1, pageCount);
            return new StaffPage(all.Skip((page - 1) * size).Take(size).ToList(), page, size, all.Count);
        }
    }

    /// <summary>Staff are counted in hundreds, not millions: one read of each source, merged and sorted here.</summary>
    internal static async Task<List<StaffMemberModel>> AllAsync(IHelpDeskDb db, IStaffAccounts accounts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = await accounts.ListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking()
            .Select(a => new { a.Id, a.UserId, a.FirstName, a.LastName, a.Tier })
            .ToDictionaryAsync(a => a.UserId, cancellationToken);
        var invitations = await db.StaffInvitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .ToListAsync(cancellationToken);
        var invitedNames = await db.StaffInvitations.AsNoTracking()
            .Where(i => i.UserId != null)
            .Select(i => new { i.UserId, i.FirstName, i.LastName })
            .ToListAsync(cancellationToken);
        var namesByUser = invitedNames.GroupBy(i => i.UserId!).ToDictionary(g => g.Key, g => $"{g.Last().FirstName} {g.Last().LastName}".Trim());

        var rows = people.Select(p =>
        {
            agents.TryGetValue(p.UserId, out var agent);
            var name = agent is not null ? $"{agent.FirstName} {agent.LastName}".Trim()
                : namesByUser.TryGetValue(p.UserId, out var invited) && invited.Length > 0 ? invited
                : p.Email;
            return new StaffMemberModel(
                p.UserId, null, agent?.Id, name, p.Email, p.Role, p.Role == Roles.Admin ? null : agent?.Tier,
                p.DeactivatedAt is null ? StaffStatus.Active : StaffStatus.Deactivated, p.LastSignInAt, null, p.TwoFactorEnabled);
        }).OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Email, StringComparer.Ordinal);

        return invitations
            .Select(i => new StaffMemberModel(null, i.Id, null, i.DisplayName, i.Email, i.Role, i.Tier, StaffStatus.Invited, null, i.ExpiresAt, false))
            .Concat(rows)
            .ToList();
    }
}

/// <summary>One member of staff (by user id). Administrators only; anyone else's id is "not found".</summary>
public static class GetStaffMember
{
    public sealed record Query(string UserId) : IQuery<StaffMemberModel>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, IStaffAccounts accounts, IClock clock) : IQueryHandler<Query, StaffMemberModel>
    {
        public async ValueTask<StaffMemberModel> Handle(Query query, CancellationToken cancellationToken)
        {
            if (await accounts.FindAsync(query.UserId ?? string.Empty, cancellationToken) is null)
            {
                throw StaffErrors.Member(query.UserId);
            }

            var all = await ListStaff.AllAsync(db, accounts, clock.UtcNow, cancellationToken);
            return all.Single(m => m.UserId == query.UserId);
        }
    }
}

internal static class StaffErrors
{
    public static Common.NotFoundException Member(string? userId) => new($"Staff member {userId} was not found.");

    public static Common.NotFoundException Invitation() => new("This invitation link is not valid: it may have expired, been used or been withdrawn.");
}
