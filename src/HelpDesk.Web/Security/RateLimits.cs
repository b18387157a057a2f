using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>
/// Every HTTP rate-limit policy, each a fixed one-minute window per client address with its limit from
/// <see cref="RateLimitOptions"/>, and the one refusal: 429 with Retry-After and a message that names what was limited.
/// </summary>
internal static class RateLimits
{
    /// <summary>The raw MIME endpoint a mail relay delivers to.</summary>
    public const string EmailInbound = "email-inbound";

    private const string SignInRefused = "Too many sign-in or registration attempts from your address. Wait a minute and try again.";

    /// <summary>What a refused caller reads, by policy.</summary>
    private static readonly Dictionary<string, string> Refusals = new(StringComparer.Ordinal)
    {
        [Policies.SignInRateLimit] = SignInRefused,
        [Policies.CallbackRateLimit] = "Too many callback requests from your address. Wait a minute and try again.",
        [Policies.ChatStartRateLimit] = "Too many chats started from your address. Wait a minute and try again.",
        [Policies.AnonymousRateLimit] = "Too many requests from your address. Wait a minute and try again.",
        [Policies.AccountEmailRateLimit] = "Too many password reset or confirmation emails asked from your address. Wait a minute and try again.",
        [EmailInbound] = "Too many messages delivered from your address. Wait a minute and try again.",
    };

    public static IServiceCollection AddHelpDeskRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) =>
        {
            var limits = settings.Value;
            PerAddress(options, Policies.SignInRateLimit, limits.SignInPerMinute);
            PerAddress(options, Policies.CallbackRateLimit, limits.CallbacksPerMinute);
            PerAddress(options, Policies.ChatStartRateLimit, limits.ChatStartsPerMinute);
            PerAddress(options, Policies.AnonymousRateLimit, limits.AnonymousPerMinute);
            PerAddress(options, Policies.AccountEmailRateLimit, limits.AccountEmailsPerMinute);
            PerAddress(options, EmailInbound, limits.EmailInboundPerMinute);
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, _) =>
            {
                var policy = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(
                        title: "Too many attempts",
                        detail: policy is not null && Refusals.TryGetValue(policy, out var refusal) ? refusal : SignInRefused,
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    private static void PerAddress(RateLimiterOptions options, string policy, int perMinute) =>
        options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
}
