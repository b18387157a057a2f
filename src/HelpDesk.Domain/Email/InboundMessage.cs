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

/// <summary>
/// Every inbound email, stored once (unique Message-ID, or <c>sha256:</c> content hash when it has none) in the same
/// transaction as the case change it caused; a redelivery finds this row and gets the first outcome back.
/// </summary>
public sealed class InboundMessage
{
    public const int MaxMessageIdLength = 1000;
    public const int MaxReasonLength = 1000;

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
            Subject = Truncate(subject, 300),
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

    public void KeepContent(string? htmlBody, string quotedText)
    {
        HtmlBody = htmlBody;
        QuotedText = quotedText;
    }

    public void MarkAcknowledged() => Acknowledged = true;

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
