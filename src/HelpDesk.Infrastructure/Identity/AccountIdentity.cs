using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>
/// Confirmation, password reset and change, email change and "end every session" on ASP.NET Core Identity's own
/// token providers (<see cref="ConfirmationTokenProvider"/> for confirmation and email change, the default data
/// protector provider for password resets). Nothing here makes or checks a token by hand.
/// </summary>
internal sealed class AccountIdentity(UserManager<HelpDeskUser> users, HelpDeskDbContext db, IClock clock, SessionCheckCache sessionChecks) : IAccountIdentity
{
    public async Task<AccountRecord?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        await users.FindByEmailAsync(email.Trim()) is { } user ? await RecordAsync(user) : null;

    public async Task<AccountRecord?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId) is { } user ? await RecordAsync(user) : null;

    public async Task<IReadOnlyList<IdentityErrorModel>> ReplacePasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        var removed = await users.RemovePasswordAsync(user);
        var result = removed.Succeeded ? await users.AddPasswordAsync(user, password) : removed;
        return result.Succeeded ? [] : result.Errors.Select(Map).ToList();
    }

    public async Task<string> EmailConfirmationTokenAsync(string userId, CancellationToken cancellationToken) =>
        await users.GenerateEmailConfirmationTokenAsync(await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account."));

    public async Task<ConfirmOutcome> ConfirmEmailAsync(string userId, string token, string password, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || string.IsNullOrEmpty(token))
        {
            return ConfirmOutcome.InvalidLink;
        }

        if (user.EmailConfirmed)
        {
            return ConfirmOutcome.AlreadyConfirmed;
        }

        if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<HelpDeskUser>.ConfirmEmailTokenPurpose, token))
        {
            return ConfirmOutcome.InvalidLink;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return ConfirmOutcome.LockedOut;
        }

        // The password chosen at registration, so a link mailed after someone else registered this address confirms nothing for them.
        if (!await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            await users.AccessFailedAsync(user);
            return await users.IsLockedOutAsync(user) ? ConfirmOutcome.LockedOut : ConfirmOutcome.WrongPassword;
        }

        await users.ResetAccessFailedCountAsync(user);
        var confirmed = await users.ConfirmEmailAsync(user, token);
        return confirmed.Succeeded ? ConfirmOutcome.Confirmed : ConfirmOutcome.InvalidLink;
    }

    public async Task<(AccountRecord Account, string Token)?> PasswordResetTokenAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // The same token work for a stand-in, so an unknown address is not answered measurably faster.
            _ = await users.GeneratePasswordResetTokenAsync(new HelpDeskUser { UserName = email, Email = email, SecurityStamp = Guid.NewGuid().ToString() });
            return null;
        }

        // No role lookup here: the unknown-address path has none to match.
        return (new AccountRecord(user.Id, user.Email ?? email, user.EmailConfirmed, IsSubscriberAccount: false), await users.GeneratePasswordResetTokenAsync(user));
    }

    public async Task<PasswordOutcome> ResetPasswordAsync(string userId, string token, string newPassword, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return new PasswordOutcome(false, true, []);
        }

        var result = await users.ResetPasswordAsync(user, token, newPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? new PasswordOutcome(false, true, [])
                : new PasswordOutcome(false, false, result.Errors.Select(Map).ToList());
        }

        // Whoever was guessing is locked out no longer: the owner proved the mailbox is theirs.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await RevokeSessionsAsync(user.Id, "password reset", cancellationToken);
        return PasswordOutcome.Ok;
    }

    public async Task<PasswordOutcome> ChangePasswordAsync(string userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        var result = await users.ChangePasswordAsync(user, currentPassword ?? string.Empty, newPassword ?? string.Empty);
        if (!result.Succeeded)
        {
            return new PasswordOutcome(false, false, result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? new IdentityErrorModel("CurrentPassword", "The current password is not right.")
                : Map(e)).ToList());
        }

        await RevokeSessionsAsync(user.Id, "password changed", cancellationToken);
        return PasswordOutcome.Ok;
    }

    public async Task<bool> CheckPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (await users.CheckPasswordAsync(user, password ?? string.Empty))
        {
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    public async Task<string> EmailChangeTokenAsync(string userId, string newEmail, CancellationToken cancellationToken) =>
        await users.GenerateChangeEmailTokenAsync(await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account."), newEmail);

    public async Task<bool> ChangeEmailAsync(string userId, string newEmail, string token, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(userId);
        if (user is null || !(await users.ChangeEmailAsync(user, newEmail, token)).Succeeded)
        {
            return false;
        }

        var renamed = await users.SetUserNameAsync(user, newEmail);
        if (!renamed.Succeeded)
        {
            throw new InvalidOperationException("The user name could not follow the new address: " + string.Join("; ", renamed.Errors.Select(e => e.Description)));
        }

        await RevokeSessionsAsync(user.Id, "email changed", cancellationToken);
        return true;
    }

    public async Task EndAllSessionsAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such account.");
        await users.UpdateSecurityStampAsync(user);
        await RevokeSessionsAsync(userId, reason, cancellationToken);
    }

    /// <summary>
    /// The new security stamp already ends every cookie and token; the rows are revoked too, so refresh tokens are dead
    /// in the table as well as by the stamp (and the reason is on record).
    /// </summary>
    private Task RevokeSessionsAsync(string userId, string reason, CancellationToken cancellationToken) =>
        SessionRevocation.RevokeAllAsync(db, sessionChecks, userId, reason, clock.UtcNow, cancellationToken);

    private async Task<AccountRecord> RecordAsync(HelpDeskUser user) =>
        new(user.Id, user.Email ?? string.Empty, user.EmailConfirmed, await users.IsInRoleAsync(user, Roles.Subscriber));

    private static IdentityErrorModel Map(IdentityError error) =>
        new(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "Email",
            error.Code is "DuplicateUserName" or "DuplicateEmail" ? "This address belongs to another account." : error.Description);
}

/// <summary>Token lifetimes of email confirmation and email-change links (<c>HelpDesk:Accounts:ConfirmationLinkLifetime</c>).</summary>
public sealed class ConfirmationTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public ConfirmationTokenProviderOptions()
    {
        Name = ConfirmationTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromDays(1);
    }
}

/// <summary>Identity's data-protector token provider with its own lifetime, for confirmation and email-change links.</summary>
public sealed class ConfirmationTokenProvider(
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider dataProtectionProvider,
    Microsoft.Extensions.Options.IOptions<ConfirmationTokenProviderOptions> options,
    Microsoft.Extensions.Logging.ILogger<DataProtectorTokenProvider<HelpDeskUser>> logger)
    : DataProtectorTokenProvider<HelpDeskUser>(dataProtectionProvider, options, logger)
{
    public const string ProviderName = "HelpDeskConfirmation";
}
