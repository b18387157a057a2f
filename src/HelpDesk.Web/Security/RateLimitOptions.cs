using System.ComponentModel.DataAnnotations;

namespace HelpDesk.Web.Security;

/// <summary>
/// Requests per client address per minute at the anonymous entry points (section <c>HelpDesk:RateLimits</c>): the one place
/// the limits are read, by the HTTP rate limiter policies (<see cref="RateLimits"/>) and the chat hub alike. Over a limit:
/// 429 with Retry-After and a message that names what was limited.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "HelpDesk:RateLimits";

    /// <summary>Where the inbound email limit used to be set; still read, and <see cref="EmailInboundPerMinute"/> wins.</summary>
    public const string LegacyEmailInboundKey = "HelpDesk:Email:InboundRequestsPerMinute";

    /// <summary>Sign-in attempts (password, second factor, token refresh).</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:SignInPerMinute must be at least 1.")]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Callback requests.</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:CallbacksPerMinute must be at least 1.")]
    public int CallbacksPerMinute { get; set; } = 30;

    /// <summary>Chats started (HTTP and the chat hub).</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:ChatStartsPerMinute must be at least 1.")]
    public int ChatStartsPerMinute { get; set; } = 10;

    /// <summary>Every other anonymous entry point (guest chat calls, satisfaction answers...).</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:AnonymousPerMinute must be at least 1.")]
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>Password-reset and confirmation emails asked for.</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:AccountEmailsPerMinute must be at least 1.")]
    public int AccountEmailsPerMinute { get; set; } = 5;

    /// <summary>Raw messages delivered to <c>POST /api/v1/channels/email/inbound</c> (a mail relay posts them all from one address).</summary>
    [Range(1, 1_000_000_000, ErrorMessage = "HelpDesk:RateLimits:EmailInboundPerMinute must be at least 1.")]
    public int EmailInboundPerMinute { get; set; } = 120;
}
