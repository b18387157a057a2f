namespace HelpDesk.Application.Staff;

/// <summary>Staff sign-in accounts (ASP.NET Core Identity behind it): role, deactivation, last sign-in.</summary>
public interface IStaffAccounts
{
    /// <summary>The staff account (role Agent, Supervisor or Admin) with this user id; null for anyone else.</summary>
    Task<StaffAccount?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Every staff account (role Agent, Supervisor or Admin).</summary>
    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Administrators who are not deactivated.</summary>
    Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Serialises changes that could remove an administrator until the current transaction ends, so two administrators
    /// demoting each other at once cannot both pass the "last active administrator" check.
    /// </summary>
    Task LockAdminRosterAsync(CancellationToken cancellationToken);

    /// <summary>Creates a confirmed staff account (the invitation link proved the address); its id, or the password's refusals.</summary>
    Task<(string? UserId, IReadOnlyList<string> Errors)> CreateAsync(string email, string password, string role, CancellationToken cancellationToken);

    /// <summary>Replaces the account's staff role; its sessions end (the person signs in again with the new rights).</summary>
    Task SetRoleAsync(string userId, string role, CancellationToken cancellationToken);

    /// <summary>
    /// Deactivates (<paramref name="at"/> set) or reactivates the account. Deactivation ends every session at once:
    /// cookies, bearer and refresh tokens (new security stamp, sessions revoked).
    /// </summary>
    Task SetDeactivatedAsync(string userId, DateTimeOffset? at, CancellationToken cancellationToken);
}

/// <param name="LastSignInAt">When the person last signed in (their newest session), if ever.</param>
public sealed record StaffAccount(string UserId, string Email, string Role, DateTimeOffset? DeactivatedAt, DateTimeOffset? LastSignInAt, bool TwoFactorEnabled);
