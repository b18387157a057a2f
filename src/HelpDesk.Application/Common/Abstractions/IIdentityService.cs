namespace HelpDesk.Application.Common.Abstractions;

/// <summary>Sign-in accounts (ASP.NET Core Identity behind it).</summary>
public interface IIdentityService
{
    /// <summary>Creates an account in <paramref name="role"/>; returns its id or the reasons it was refused.</summary>
    Task<IdentityResultModel> CreateUserAsync(string email, string password, string role, CancellationToken cancellationToken);

    /// <summary>Whether a sign-in account (subscriber or staff) already uses <paramref name="email"/>.</summary>
    Task<bool> EmailInUseAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// The password rules' refusals for <paramref name="password"/>, after hashing it as creating an account would:
    /// registering a known address costs the same time as registering a new one.
    /// </summary>
    Task<IReadOnlyList<IdentityErrorModel>> CheckNewPasswordAsync(string email, string password, CancellationToken cancellationToken);
}

/// <summary>Account operations of issue 19 (ADR 0113): confirmation, password reset and change, email change, sessions.</summary>
public interface IAccountIdentity
{
    /// <summary>The sign-in account that uses <paramref name="email"/> (case-insensitive), if any.</summary>
    Task<AccountRecord?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<AccountRecord?> FindByIdAsync(string userId, CancellationToken cancellationToken);

    /// <summary>A second registration of an unconfirmed account: its password becomes <paramref name="password"/> (earlier links stop working).</summary>
    Task<IReadOnlyList<IdentityErrorModel>> ReplacePasswordAsync(string userId, string password, CancellationToken cancellationToken);

    /// <summary>A single-use, expiring email confirmation token (Identity's token provider).</summary>
    Task<string> EmailConfirmationTokenAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Checks the token, then the password (a wrong one counts towards lockout), then marks the address confirmed.</summary>
    Task<ConfirmOutcome> ConfirmEmailAsync(string userId, string token, string password, CancellationToken cancellationToken);

    /// <summary>
    /// A password reset token for the account using <paramref name="email"/>; null when there is none — after the same
    /// work (a token made for a stand-in), so both answers take about as long.
    /// </summary>
    Task<(AccountRecord Account, string Token)?> PasswordResetTokenAsync(string email, CancellationToken cancellationToken);

    /// <summary>Sets a new password with a reset token; the security stamp changes (the token dies, every session ends).</summary>
    Task<PasswordOutcome> ResetPasswordAsync(string userId, string token, string newPassword, CancellationToken cancellationToken);

    /// <summary>Changes the password of a signed-in account (every session ends; the caller signs the current browser in again).</summary>
    Task<PasswordOutcome> ChangePasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="password"/> is the account's password (a wrong one counts towards lockout).</summary>
    Task<bool> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken);

    /// <summary>A token that lets the account's owner move it to <paramref name="newEmail"/>.</summary>
    Task<string> EmailChangeTokenAsync(string userId, string newEmail, CancellationToken cancellationToken);

    /// <summary>Moves the account (email and user name) to <paramref name="newEmail"/> when the token is right.</summary>
    Task<bool> ChangeEmailAsync(string userId, string newEmail, string token, CancellationToken cancellationToken);

    /// <summary>Ends every session of the account, cookies and bearer/refresh tokens (new security stamp, sessions revoked).</summary>
    Task EndAllSessionsAsync(string userId, string reason, CancellationToken cancellationToken);
}

/// <param name="IsSubscriberAccount">In the subscriber role (staff accounts are confirmed by their invitation).</param>
public sealed record AccountRecord(string UserId, string Email, bool EmailConfirmed, bool IsSubscriberAccount);

public enum ConfirmOutcome
{
    Confirmed,
    AlreadyConfirmed,
    InvalidLink,
    WrongPassword,
    LockedOut,
}

public sealed record PasswordOutcome(bool Succeeded, bool InvalidLink, IReadOnlyList<IdentityErrorModel> Errors)
{
    public static PasswordOutcome Ok { get; } = new(true, false, []);
}

public sealed record IdentityResultModel(string? UserId, IReadOnlyList<IdentityErrorModel> Errors)
{
    public bool Succeeded => UserId is not null && Errors.Count == 0;
}

/// <summary>A refusal, naming the field it concerns (<c>Email</c> or <c>Password</c>).</summary>
public sealed record IdentityErrorModel(string Field, string Message);
