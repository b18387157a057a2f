namespace HelpDesk.Application.Email;

/// <summary>Settings for inbound email (section <c>HelpDesk:Email</c>).</summary>
public sealed class EmailInboundOptions
{
    public const string Section = "HelpDesk:Email";

    /// <summary>Largest raw message accepted (IMAP and the inbound endpoint); larger ones are refused.</summary>
    public long MaxMessageBytes { get; set; } = 35L * 1024 * 1024;

    /// <summary>Acknowledgements ("we received your case") sent to one address per hour; more are not sent.</summary>
    public int AcknowledgementsPerSenderPerHour { get; set; } = 3;

    /// <summary>Attachment file extensions that are refused (kept as a rejected entry with a note on the case).</summary>
    public string[] ForbiddenExtensions { get; set; } =
        [".exe", ".bat", ".cmd", ".com", ".scr", ".pif", ".vbs", ".vbe", ".ps1", ".msi", ".msp", ".jar", ".lnk", ".hta", ".cpl", ".reg", ".dll"];

    /// <summary>API keys accepted in <c>X-Api-Key</c> by <c>POST /api/v1/channels/email/inbound</c> (each at least 16 characters; shorter ones are ignored). Empty: the endpoint refuses everyone.</summary>
    public string[] InboundApiKeys { get; set; } = [];

    /// <summary>Seconds between IMAP polls when the server does not support IDLE (and the longest IDLE wait).</summary>
    public int PollIntervalSeconds { get; set; } = 60;
}
