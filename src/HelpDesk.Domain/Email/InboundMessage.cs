namespace HelpDesk.Domain.Email;

/// <summary>What became of an inbound email.</summary>
public enum InboundOutcome
{
    /// <summary>Opened a new case.</summary>
    CaseOpened,

    /// <summary>Added to an existing case (threaded by reference or case token).</summary>
    AddedToCase,

    /// <summary>Stored but never opens a case nor gets a reply: auto-reply, bounce, bulk, malformed, our own mail.</summary>
    Ignored,

    /// <summary>Not readable as email (not MIME, too large); stored with the reason.</summary>
    Refused,
}

/// <summary>Why an inbound email opened no case (shown to staff in words, never as this name).</summary>
public enum IgnoredReason
{
    /// <summary>An automatic reply: Auto-Submitted, X-Autoreply, an out-of-office.</summary>
    AutoReply,

    /// <summary>A delivery failure report.</summary>
    Bounce,

    /// <summary>Mailing list or bulk mail (Precedence, List-Id).</summary>
    Bulk,

    /// <summary>Our own mail coming back: from one of our mailboxes, or X-Loop naming one.</summary>
    Loop,

    /// <summary>Readable as MIME but with neither a sender address nor any text.</summary>
    Unreadable,

    /// <summary>Not an email at all.</summary>
    NotMime,

    /// <summary>Over the size limit (a truncated copy is kept).</summary>
    TooLarge,

    /// <summary>Processing failed unexpectedly; kept so nothing is lost.</summary>
    Failed,
}

/// <summary>
/// Every inbound email, stored once (unique Message-ID, or <c>sha256:</c> content hash when it has none) in the same
/// transaction as the case change it caused; a redelivery finds this row and gets the first outcome back.
/// </summary>
public sealed class InboundMessage
{
    public const int MaxMessageIdLength = 1000;
    public const int MaxReasonLength = 1000;

    /// <summary>Raw bytes kept of a message over the size limit (the rest is not stored; <see cref="RawTruncated"/> says so).</summary>
    public const int MaxKeptRawBytes = 1024 * 1024;

    private InboundMessage()
    {
        MessageId = Source = Subject = Reason = QuotedText = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>Message-ID without angle brackets, or <c>sha256:&lt;hex&gt;</c>.</summary>
    public string MessageId { get; private set; }

    /// <summary>"api" or "imap".</summary>
    public string Source { get; private set; }

    public Guid? MailboxId { get; private set; }
    public string? FromAddress { get; private set; }
    public string? FromName { get; private set; }
    public string Subject { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public InboundOutcome Outcome { get; private set; }

    /// <summary>Why: the classification ("Auto-Submitted: auto-replied"), the threading decision, or the refusal.</summary>
    public string Reason { get; private set; }

    public Guid? CaseId { get; private set; }
    public Guid? InteractionId { get; private set; }

    /// <summary>
    /// The message referenced a case (Message-ID or [HD-…] token) it may not post into: the sender is not on that
    /// case, or our signature did not verify. It opened a new case instead; agents see the warning.
    /// </summary>
    public bool Suspicious { get; private set; }

    /// <summary>Sanitized HTML body (sanitized again on display), when the message had one.</summary>
    public string? HtmlBody { get; private set; }

    /// <summary>The quoted history folded away from the text shown on the timeline.</summary>
    public string QuotedText { get; private set; }

    /// <summary>The message as received (null when refused as too large), so nothing is lost.</summary>
    public byte[]? RawMime { get; private set; }

    public long Size { get; private set; }

    /// <summary>Only the first <see cref="MaxKeptRawBytes"/> of the message were kept (it was over the size limit).</summary>
    public bool RawTruncated { get; private set; }

    /// <summary>Identifies the same message on redelivery (Message-ID + From + Date + Subject); unique with <see cref="MessageId"/>.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>A different message reusing the Message-ID of one stored earlier: kept as its own message, never threaded by that id.</summary>
    public bool ReusedMessageId { get; private set; }

    /// <summary>Why it opened no case (null when it opened or joined one).</summary>
    public IgnoredReason? IgnoredReason { get; private set; }

    /// <summary>Which header the sender came from (From, ReplyTo, Sender, ReturnPath, None).</summary>
    public string SenderSource { get; private set; } = "From";

    /// <summary>A valid Reply-To: acknowledgements and replies go there.</summary>
    public string? ReplyToAddress { get; private set; }

    /// <summary>When staff made an ignored message a case or added it to one ("Ignored mail" page).</summary>
    public DateTimeOffset? HandledAt { get; private set; }

    public string? HandledBy { get; private set; }

    /// <summary>An acknowledgement was queued (false when not due or rate limited).</summary>
    public bool Acknowledged { get; private set; }

    public static InboundMessage Receive(
        string messageId, string source, Guid? mailboxId, string? fromAddress, string? fromName, string subject,
        byte[]? rawMime, long size, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            MessageId = Truncate(messageId, MaxMessageIdLength),
            Source = source,
            MailboxId = mailboxId,
            FromAddress = fromAddress?.Trim().ToLowerInvariant(),
            FromName = fromName is null ? null : Truncate(fromName, 200),
            Subject = subject,
            RawMime = rawMime,
            Size = size,
            ReceivedAt = now,
            Outcome = InboundOutcome.Ignored,
            Reason = "received",
        };

    public void Decide(InboundOutcome outcome, string reason, Guid? caseId = null, Guid? interactionId = null, bool suspicious = false)
    {
        Outcome = outcome;
        Reason = Truncate(reason, MaxReasonLength);
        CaseId = caseId;
        InteractionId = interactionId;
        Suspicious = suspicious;
    }

    public void Identify(string fingerprint, bool reusedMessageId, string senderSource, string? replyTo)
    {
        Fingerprint = fingerprint;
        ReusedMessageId = reusedMessageId;
        SenderSource = senderSource;
        ReplyToAddress = replyTo?.Trim().ToLowerInvariant();
    }

    public void Ignore(IgnoredReason reason, string text)
    {
        Decide(reason is Email.IgnoredReason.NotMime or Email.IgnoredReason.TooLarge ? InboundOutcome.Refused : InboundOutcome.Ignored, text);
        IgnoredReason = reason;
    }

    public void KeepTruncatedRaw(byte[] prefix)
    {
        RawMime = prefix;
        RawTruncated = true;
    }

    /// <summary>Staff turned this ignored message into a case, or added it to one.</summary>
    public void Handle(Guid caseId, Guid interactionId, string by, DateTimeOffset now)
    {
        CaseId = caseId;
        InteractionId = interactionId;
        HandledAt = now;
        HandledBy = by;
    }

    public void KeepContent(string? htmlBody, string quotedText)
    {
        HtmlBody = htmlBody;
        QuotedText = quotedText;
    }

    public void MarkAcknowledged() => Acknowledged = true;

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
