using HelpDesk.Domain.Email;

namespace HelpDesk.Application.Email;

/// <summary>Outbound email settings (section <c>HelpDesk:Email</c>).</summary>
public sealed class OutboundEmailOptions
{
    public const string Section = "HelpDesk:Email";

    /// <summary>
    /// Base address of the app as subscribers reach it, for links in mail ("https://help.example.com"). Unset: the address
    /// the app listens on, filled in at start-up (with a warning when that is probably not what subscribers reach).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Whether notifications are written to the outbox at all (they are kept even while no SMTP server is configured).</summary>
    public bool Notifications { get; set; } = true;

    /// <summary>
    /// Fallback SMTP server used when no enabled mailbox has SMTP settings. Empty <see cref="SmtpSettings.Host"/>: email is
    /// not configured and messages stay queued.
    /// </summary>
    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Seconds between runs of the sender on this node; 0 turns the sender off here.</summary>
    public int SendIntervalSeconds { get; set; } = 10;

    /// <summary>Messages sent per tick at most (one transaction each).</summary>
    public int MaxPerTick { get; set; } = 50;

    /// <summary>Attempts before a message is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the first retry; doubled after each further failure.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>Longest delay between two attempts.</summary>
    public int RetryMaxSeconds { get; set; } = 6 * 60 * 60;

    /// <summary>Seconds an SMTP connection or command may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Delay before attempt <paramref name="attemptsSoFar"/> + 1, after <paramref name="attemptsSoFar"/> failures.</summary>
    public TimeSpan RetryDelay(int attemptsSoFar)
    {
        var exponent = Math.Clamp(attemptsSoFar - 1, 0, 30);
        var seconds = Math.Min((double)Math.Max(RetryBaseSeconds, 1) * Math.Pow(2, exponent), Math.Max(RetryMaxSeconds, 1));
        return TimeSpan.FromSeconds(seconds);
    }
}

/// <summary>An SMTP server and the identity mail is sent as.</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public MailSecurity Security { get; set; } = MailSecurity.StartTls;
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>Address mail comes from ("support@example.com").</summary>
    public string FromAddress { get; set; } = "support@helpdesk.local";

    public string? FromName { get; set; } = "HelpDesk Support";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
