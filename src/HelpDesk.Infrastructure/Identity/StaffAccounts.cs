using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Staff;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Identity;

internal sealed class StaffAccounts(HelpDeskDbContext db, UserManager<HelpDeskUser> users, IClock clock, SessionCheckCache sessionChecks) : IStaffAccounts
{
    /// <summary>The key of the transaction-level advisory lock taken before any change that could remove an administrator.</summary>
    private const long AdminRosterLock = 0x48_44_41_44_4D_49_4E; // "HDADMIN"

    private IQueryable<StaffAccountRow> Rows(string? userId) =>
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == Roles.Agent || r.Name == Roles.Supervisor || r.Name == Roles.Admin
        where userId == null || u.Id == userId
        select new StaffAccountRow(
            u.Id, u.Email ?? u.UserName ?? string.Empty, r.Name!, u.DeactivatedAt,
            db.AuthSessions.Where(s => s.UserId == u.Id).Max(s => (DateTimeOffset?)s.CreatedAt), u.TwoFactorEnabled);

    public async Task<StaffAccount?> FindAsync(string userId, CancellationToken cancellationToken) =>
        Merge(await Rows(userId).AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken) =>
        Merge(await Rows(null).AsNoTracking().ToListAsync(cancellationToken));

    public Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Admin && u.DeactivatedAt == null
         select u.Id).Distinct().CountAsync(cancellationToken);

    public Task LockAdminRosterAsync(CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdminRosterLock})", cancellationToken);

    public async Task<(string? UserId, IReadOnlyList<string> Errors)> CreateAsync(string email, string password, string role, CancellationToken cancellationToken)
    {
        var user = new HelpDeskUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors.Select(e => e.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this email address already exists."
                : e.Description).ToList());
        }

        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? (user.Id, []) : (null, added.Errors.Select(e => e.Description).ToList());
    }

    public async Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"User {userId} vanished.");
        var current = (await users.GetRolesAsync(user)).Where(StaffRoles.IsStaffRole).ToList();
        Check(await users.RemoveFromRolesAsync(user, current));
        Check(await users.AddToRoleAsync(user, role));
        Check(await users.UpdateSecurityStampAsync(user));
    }

    public async Task SetDeactivatedAsync(string userId, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"User {userId} vanished.");
        user.DeactivatedAt = at;
        Check(await users.UpdateAsync(user));
        if (at is not null)
        {
            // A new stamp fails every cookie and token at its next request (SessionStore.IsCurrentAsync); the rows say why.
            Check(await users.UpdateSecurityStampAsync(user));
            await SessionRevocation.RevokeAllAsync(db, sessionChecks, userId, "account deactivated", clock.UtcNow, cancellationToken);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static List<StaffAccount> Merge(List<StaffAccountRow> rows) =>
        rows.GroupBy(r => r.UserId)
            .Select(g => g.OrderByDescending(r => StaffRoles.Rank(r.Role)).First())
            .Select(r => new StaffAccount(r.UserId, r.Email, r.Role, r.DeactivatedAt, r.LastSignInAt, r.TwoFactorEnabled))
            .ToList();

    private sealed record StaffAccountRow(string UserId, string Email, string Role, DateTimeOffset? DeactivatedAt, DateTimeOffset? LastSignInAt, bool TwoFactorEnabled);
}
