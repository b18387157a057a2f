namespace HelpDesk.Application.Email;

/// <summary>An address as it appeared in a header: the address itself and the display name, when given.</summary>
public sealed record EmailAddress(string Address, string? DisplayName);

/// <summary>What kind of message this is, for loop and noise protection: only <see cref="Normal"/> may open a case or get a reply.</summary>
public enum InboundEmailKind
{
    Normal,
    AutoReply,
    Bulk,
    Bounce,
    Malformed,
}

/// <summary>The kind of a message together with the reason a person can read ("Auto-Submitted: auto-replied").</summary>
/// <summary>Which header the sender address was taken from (From first; the others only when From had no usable address).</summary>
public enum SenderSource
{
    From,
    ReplyTo,
    Sender,
    ReturnPath,

    /// <summary>No header named a usable address: nobody can be answered by email.</summary>
    None,
}

public sealed record InboundEmailClassification(InboundEmailKind Kind, string Reason)
{
    public static InboundEmailClassification Normal { get; } = new(InboundEmailKind.Normal, "ordinary message");
}

/// <summary>
/// One attachment or inline part. <see cref="Content"/> is empty when the part was refused;
/// <see cref="RefusedReason"/> then says why (refused parts are reported, never silently dropped).
/// </summary>
public sealed record EmailAttachment(
    string FileName,
    string ContentType,
    long Size,
    bool IsInline,
    string? ContentId,
    bool ServeAsDownloadOnly,
    string? RefusedReason,
    ReadOnlyMemory<byte> Content)
{
    public bool IsRefused => RefusedReason is not null;
}

/// <summary>A parsed inbound email, independent of the MIME library that parsed it.</summary>
public sealed record InboundEmail
{
    /// <summary>The Message-ID without angle brackets, or <c>sha256:&lt;hex&gt;</c> of the raw message when it has none.</summary>
    public required string MessageId { get; init; }
    public required bool MessageIdIsContentHash { get; init; }
    /// <summary>The sender: From, or when it has no usable address Reply-To, Sender, Return-Path (see <see cref="SenderSource"/>).</summary>
    public EmailAddress? From { get; init; }
    public SenderSource SenderSource { get; init; } = SenderSource.From;

    /// <summary>The From header as written, when the sender had to come from another header (for the note on the case).</summary>
    public string? RawFrom { get; init; }

    /// <summary>
    /// Identifies "the same message" for redelivery: SHA-256 over Message-ID, From, Date and Subject (and the body when the
    /// message has no Date). A different message that reuses a Message-ID has another fingerprint.
    /// </summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>
    /// Why this message must never get an automatic reply although it may open a case (X-Auto-Response-Suppress, X-Loop,
    /// List-Unsubscribe); null when its headers allow one. Role senders (noreply@, abuse@) are checked by the ingest
    /// against the address the acknowledgement would go to (a valid Reply-To first).
    /// </summary>
    public string? NoAutoReplyReason { get; init; }

    /// <summary>The raw X-Loop header values (a value naming one of our mailboxes is a loop and is ignored).</summary>
    public IReadOnlyList<string> XLoop { get; init; } = [];
    public IReadOnlyList<EmailAddress> To { get; init; } = [];
    public IReadOnlyList<EmailAddress> Cc { get; init; } = [];
    public IReadOnlyList<EmailAddress> ReplyTo { get; init; } = [];
    public string Subject { get; init; } = "";
    public DateTimeOffset? Date { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];
    /// <summary>Outlook's Thread-Index header, kept as given (base64).</summary>
    public string? ThreadIndex { get; init; }
    /// <summary>Case numbers such as <c>HD-000123</c> found as <c>[HD-000123]</c> in the subject, in order, without duplicates.</summary>
    public IReadOnlyList<string> CaseTokens { get; init; } = [];
    /// <summary>The new text of the message, quoted history folded away.</summary>
    public string TextBody { get; init; } = "";
    /// <summary>The quoted history folded away from <see cref="TextBody"/> (empty when there was none).</summary>
    public string QuotedText { get; init; } = "";
    /// <summary>The HTML body after sanitizing, or null when the message had no HTML part.</summary>
    public string? SanitizedHtmlBody { get; init; }
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
    public required InboundEmailClassification Classification { get; init; }
}
