using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>
/// Checks a person's second factor (an authenticator code or a single-use recovery code) for the sign-in page and the API
/// alike. Every wrong code counts towards lockout, as a wrong password does (ADR 0114).
/// </summary>
public sealed class SecondFactor(UserManager<HelpDeskUser> users, IOptions<TwoFactorOptions> options)
{
    public const string AuthenticationMethod = "mfa";

    public TwoFactorOptions Options => options.Value;

    public async Task<bool> IsRequiredForAsync(HelpDeskUser user) => Options.IsRequired(await users.GetRolesAsync(user));

    public async Task<SecondFactorOutcome> CheckAsync(HelpDeskUser user, string? code, bool recoveryCode)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return SecondFactorOutcome.LockedOut;
        }

        // Spaces are forgiven; recovery codes keep their dash (they are stored as shown, e.g. "8FH2K-3MQ9P").
        var cleaned = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!recoveryCode)
        {
            cleaned = cleaned.Replace("-", string.Empty, StringComparison.Ordinal);
        }

        var accepted = cleaned.Length is > 0 and <= 64 && (recoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, cleaned)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned));
        if (accepted)
        {
            await users.ResetAccessFailedCountAsync(user);
            return SecondFactorOutcome.Accepted;
        }

        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? SecondFactorOutcome.LockedOut : SecondFactorOutcome.Wrong;
    }

    /// <summary>Sets a new authenticator key without changing the security stamp (nothing is enabled yet, so no session must end).</summary>
    public async Task<string> EnsureAuthenticatorKeyAsync(HelpDeskUser user, IUserStore<HelpDeskUser> store)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        await ((IUserAuthenticatorKeyStore<HelpDeskUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
        await users.UpdateAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }
}
