using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hubs;

/// <summary>Chat starts per client address per minute over the hub (<c>HelpDesk:RateLimits:ChatStartsPerMinute</c>).</summary>
public sealed class ChatStartLimiter : IDisposable
{
    public const string Refusal = "Too many chats started from your address. Wait a minute and try again.";

    private readonly PartitionedRateLimiter<string> _limiter;

    public ChatStartLimiter(IOptions<HelpDesk.Web.Security.RateLimitOptions> limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var perMinute = Math.Max(1, limits.Value.ChatStartsPerMinute);
        _limiter = PartitionedRateLimiter.Create<string, string>(ip => RateLimitPartition.GetFixedWindowLimiter(
            ip, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public RateLimitLease Acquire(string ip) => _limiter.AttemptAcquire(ip);

    public void Dispose() => _limiter.Dispose();
}
