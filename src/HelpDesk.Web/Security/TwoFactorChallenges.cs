using System.Security.Cryptography;
using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

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
