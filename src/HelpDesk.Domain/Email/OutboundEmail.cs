namespace HelpDesk.Domain.Email;

public enum OutboundEmailKind
{
    /// <summary>"We received your message": case number and expected response time.</summary>
    Acknowledgement,

    /// <summary>An agent's public reply.</summary>
    AgentReply,

    /// <summary>A reminder that we promised to follow up, or that we are waiting for the subscriber.</summary>
    FollowUpReminder,

    /// <summary>The case was resolved, with a satisfaction link.</summary>
    Resolved,

    /// <summary>About the sign-in account, not a case: "your account is ready", or "someone tried to register with your address".</summary>
    Account,

    /// <summary>An incident affecting the subscriber was declared or resolved (ADR 0115).</summary>
    Incident,
}

public enum OutboundEmailStatus
{
    Pending,
    Sent,

    /// <summary>Gave up after the configured number of attempts; visible to agents on the case.</summary>
    Failed,
}

/// <summary>
/// A message in the transactional outbox: written in the same transaction as the change that caused it, sent later
/// by the SMTP worker with retries and backoff. Never deleted; a send that keeps failing stays visible.
/// </summary>
public sealed class OutboundEmail
{
    public const int MaxSubjectLength = 300;
    public const int MaxErrorLength = 1000;

    private OutboundEmail()
    {
        ToAddress = Subject = TextBody = MessageId = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>The timeline entry this mail carries (agent reply), when there is one.</summary>
    public Guid? InteractionId { get; private set; }

    /// <summary>Mailbox to send from; null means the default (first enabled) mailbox.</summary>
    public Guid? MailboxId { get; private set; }

    public OutboundEmailKind Kind { get; private set; }
    public string ToAddress { get; private set; }
    public string? ToName { get; private set; }

    /// <summary>Other participants copied, comma-separated addresses.</summary>
    public string? Cc { get; private set; }

    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string? HtmlBody { get; private set; }

    /// <summary>Our Message-ID (without angle brackets), HMAC-signed so replies can be trusted to thread.</summary>
    public string MessageId { get; private set; }

    public string? InReplyTo { get; private set; }

    /// <summary>Space-separated Message-IDs (each in angle brackets) for the References header.</summary>
    public string? References { get; private set; }

    public OutboundEmailStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    public static OutboundEmail Create(
        OutboundEmailKind kind,
        Guid? caseId,
        Guid? interactionId,
        Guid? mailboxId,
        string toAddress,
        string? toName,
        string? cc,
        string subject,
        string textBody,
        string? htmlBody,
        string messageId,
        string? inReplyTo,
        string? references,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return new OutboundEmail
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            CaseId = caseId,
            InteractionId = interactionId,
            MailboxId = mailboxId,
            ToAddress = toAddress.Trim(),
            ToName = string.IsNullOrWhiteSpace(toName) ? null : toName.Trim(),
            Cc = string.IsNullOrWhiteSpace(cc) ? null : cc.Trim(),
            Subject = subject.Length > MaxSubjectLength ? subject[..MaxSubjectLength] : subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            MessageId = messageId.Trim('<', '>', ' '),
            InReplyTo = inReplyTo,
            References = references,
            Status = OutboundEmailStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>Taken by a sender: nobody else tries it before <paramref name="until"/> (the attempt's outcome replaces this).</summary>
    public void Lease(DateTimeOffset until) => NextAttemptAt = until;

    public void MarkSent(DateTimeOffset now)
    {
        Status = OutboundEmailStatus.Sent;
        Attempts++;
        SentAt = now;
        LastError = null;
    }

    /// <summary>
    /// Records a failed attempt: retried at <paramref name="nextAttemptAt"/>, or <see cref="OutboundEmailStatus.Failed"/>
    /// once <paramref name="maxAttempts"/> is reached (or at once when <paramref name="permanent"/>).
    /// </summary>
    public void MarkAttemptFailed(string error, DateTimeOffset nextAttemptAt, int maxAttempts, bool permanent = false)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        if (permanent || Attempts >= maxAttempts)
        {
            Status = OutboundEmailStatus.Failed;
        }
        else
        {
            NextAttemptAt = nextAttemptAt;
        }
    }

    /// <summary>An agent asks to try a failed message again.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != OutboundEmailStatus.Failed)
        {
            return;
        }

        Status = OutboundEmailStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }
}
