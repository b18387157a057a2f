using System.Threading.RateLimiting;
using HelpDesk.Application.Accounts;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>
/// Limits on the requests that mail a link (password reset, resend confirmation): per client IP through the app's rate
/// limiter (policy <see cref="Policies.AccountEmailRateLimit"/>), and per address however it is spelled
/// (<see cref="AccountOptions.NormalizeAddress"/>) here, with the same System.Threading.RateLimiting fixed windows. The
/// address limit counts known and unknown addresses alike, so a 429 tells nothing about who has an account.
/// </summary>
public sealed class AccountEmailLimiter : IDisposable
{
    public const string TooMany = "Too many emails were asked for this address. Wait an hour and try again.";

    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountEmailLimiter(IOptions<AccountOptions> options)
    {
        var perHour = options.Value.EmailsPerAddressPerHour;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    /// <summary>Counts one request for <paramref name="address"/>; false when its hour is used up.</summary>
    public bool TryAcquire(string? address)
    {
        using var lease = _limiter.AttemptAcquire(AccountOptions.NormalizeAddress(address));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
