namespace HelpDesk.Domain.Email;

/// <summary>How a mail connection is secured.</summary>
public enum MailSecurity
{
    /// <summary>Implicit TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS (IMAP 143, submission 587); refused if the server lacks it.</summary>
    StartTls,

    /// <summary>No encryption. Only for a server on the same machine or in tests.</summary>
    None,
}

/// <summary>
/// A support mailbox: where mail is fetched (IMAP) and sent from (SMTP), and which queue new cases join.
/// Passwords are stored protected (ciphertext from ASP.NET Data Protection), never in plain text.
/// </summary>
public sealed class Mailbox
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 254;
    public const int MaxHostLength = 253;
    public const int MaxUserLength = 254;
    public const int MaxFolderLength = 200;

    private Mailbox()
    {
        Name = Address = ImapHost = ImapUser = InboxFolder = ProcessedFolder = SmtpHost = SmtpUser = DefaultQueueKey = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Shown to agents and admins ("Support (EN)").</summary>
    public string Name { get; private set; }

    /// <summary>The address subscribers write to and replies come from (lower case).</summary>
    public string Address { get; private set; }

    /// <summary>Display name on outgoing mail ("Streamly Support").</summary>
    public string? FromName { get; private set; }

    public bool Enabled { get; private set; }

    public string ImapHost { get; private set; }
    public int ImapPort { get; private set; }
    public MailSecurity ImapSecurity { get; private set; }
    public string ImapUser { get; private set; }
    public string? ImapPasswordProtected { get; private set; }
    public string InboxFolder { get; private set; }

    /// <summary>Messages are moved here after their case is committed.</summary>
    public string ProcessedFolder { get; private set; }

    public string SmtpHost { get; private set; }
    public int SmtpPort { get; private set; }
    public MailSecurity SmtpSecurity { get; private set; }
    public string SmtpUser { get; private set; }
    public string? SmtpPasswordProtected { get; private set; }

    /// <summary>Queue key new cases from this mailbox join when no routing rule says otherwise.</summary>
    public string DefaultQueueKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Last successful poll and last connection error, shown on the admin page.</summary>
    public DateTimeOffset? LastPolledAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    public static Mailbox Create(string name, string address, string defaultQueueKey, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Address = address.Trim().ToLowerInvariant(),
            DefaultQueueKey = defaultQueueKey,
            Enabled = false,
            ImapPort = 993,
            ImapSecurity = MailSecurity.Tls,
            InboxFolder = "INBOX",
            ProcessedFolder = "Processed",
            SmtpPort = 587,
            SmtpSecurity = MailSecurity.StartTls,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void Rename(string name, string address, string? fromName, string defaultQueueKey, DateTimeOffset now)
    {
        Name = name.Trim();
        Address = address.Trim().ToLowerInvariant();
        FromName = string.IsNullOrWhiteSpace(fromName) ? null : fromName.Trim();
        DefaultQueueKey = defaultQueueKey;
        UpdatedAt = now;
    }

    /// <summary>Sets the IMAP side; a null password keeps the stored one.</summary>
    public void ConfigureImap(string host, int port, MailSecurity security, string user, string? passwordProtected,
        string inboxFolder, string processedFolder, DateTimeOffset now)
    {
        ImapHost = host.Trim();
        ImapPort = port;
        ImapSecurity = security;
        ImapUser = user.Trim();
        ImapPasswordProtected = passwordProtected ?? ImapPasswordProtected;
        InboxFolder = inboxFolder.Trim();
        ProcessedFolder = processedFolder.Trim();
        UpdatedAt = now;
    }

    /// <summary>Sets the SMTP side; a null password keeps the stored one.</summary>
    public void ConfigureSmtp(string host, int port, MailSecurity security, string user, string? passwordProtected, DateTimeOffset now)
    {
        SmtpHost = host.Trim();
        SmtpPort = port;
        SmtpSecurity = security;
        SmtpUser = user.Trim();
        SmtpPasswordProtected = passwordProtected ?? SmtpPasswordProtected;
        UpdatedAt = now;
    }

    public void SetEnabled(bool enabled, DateTimeOffset now)
    {
        Enabled = enabled;
        UpdatedAt = now;
    }

    public void RecordPoll(DateTimeOffset now, string? error)
    {
        if (error is null)
        {
            LastPolledAt = now;
        }
        else
        {
            LastError = error.Length > 1000 ? error[..1000] : error;
            LastErrorAt = now;
        }
    }
}
