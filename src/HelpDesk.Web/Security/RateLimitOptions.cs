namespace HelpDesk.Web.Security;

/// <summary>
/// Requests per client address per minute at the anonymous entry points (section <c>HelpDesk:RateLimits</c>): the one place
/// the limits are read, by the HTTP rate limiter policies and the chat hub alike. Over a limit: 429 with Retry-After.
/// (The inbound email endpoint's limit stays with its endpoint settings, <c>HelpDesk:Email:InboundRequestsPerMinute</c>.)
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "HelpDesk:RateLimits";

    /// <summary>Sign-in attempts (password, second factor, token refresh).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Callback requests.</summary>
    public int CallbacksPerMinute { get; set; } = 30;

    /// <summary>Chats started (HTTP and the chat hub).</summary>
    public int ChatStartsPerMinute { get; set; } = 10;

    /// <summary>Every other anonymous entry point (guest chat calls, satisfaction answers...).</summary>
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>Password-reset and confirmation emails asked for.</summary>
    public int AccountEmailsPerMinute { get; set; } = 5;
}
