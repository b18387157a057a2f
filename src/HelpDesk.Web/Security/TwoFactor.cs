using System.Security.Claims;
using System.Security.Cryptography;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

public enum SecondFactorOutcome
{
    Accepted,
    Wrong,
    LockedOut,
}

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

/// <summary>
/// The API's "second factor required" step: a short-lived, signed challenge naming the user and their security stamp,
/// answered with a code at <c>POST /api/v1/auth/login/two-factor</c>.
/// </summary>
public sealed class TwoFactorChallenges(IDataProtectionProvider protection, IOptions<TwoFactorOptions> options, TimeProvider time)
{
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("HelpDesk.TwoFactorChallenge.v1").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => options.Value.ChallengeLifetime;

    public string Issue(HelpDeskUser user) =>
        Protector.Protect($"{user.Id}\n{user.SecurityStamp}", time.GetUtcNow() + Lifetime);

    /// <returns>The user id and stamp, or null for a forged, altered or expired challenge.</returns>
    public (string UserId, string Stamp)? Read(string? challenge)
    {
        if (string.IsNullOrWhiteSpace(challenge) || challenge.Length > 4096)
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(challenge, out var expires).Split('\n');
            return parts.Length == 2 && expires > time.GetUtcNow() ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

internal static class TwoFactorGate
{
    private static readonly string[] OpenPaths =
        ["/Account/TwoFactor", "/Account/Logout", "/Error", "/css", "/js", "/lib", "/favicon.ico", "/health"];

    public static IServiceCollection AddHelpDeskTwoFactor(this IServiceCollection services)
    {
        services.AddScoped<SecondFactor>();
        services.AddSingleton<TwoFactorChallenges>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>
    /// A person whose role requires a second factor they have not set up reaches only the setup page and sign-out:
    /// pages redirect there, the API and hubs answer 403.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.HasClaim(c => c.Type == TwoFactorClaims.SetupRequired)
            && !OpenPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
            {
                await Results.Problem("Your role requires two-factor sign-in. Set it up at /Account/TwoFactor first.",
                    statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in must be set up").ExecuteAsync(context);
                return;
            }

            context.Response.Redirect("/Account/TwoFactor");
            return;
        }

        await next(context);
    });

    /// <summary>Signs the person in after their second factor, in the scheme the sign-in manager is set to.</summary>
    public static async Task SignInWithSecondFactorAsync(this SignInManager<HelpDeskUser> signIn, HelpDeskUser user)
    {
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false },
            [new Claim("amr", SecondFactor.AuthenticationMethod)]);
    }
}
