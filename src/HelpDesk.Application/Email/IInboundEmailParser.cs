namespace HelpDesk.Application.Email;

/// <summary>Turns raw MIME (RFC 5322) into an <see cref="InboundEmail"/>. No storage, no network.</summary>
public interface IInboundEmailParser
{
    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes; a larger message is refused with
    /// <see cref="EmailParseRefusal.TooLarge"/> without being parsed.
    /// </summary>
    Task<EmailParseResult> ParseAsync(Stream rawMime, long maxBytes, CancellationToken cancellationToken);
}

public enum EmailParseRefusal
{
    TooLarge,
    NotMime,
}

/// <summary>Either a parsed message or a refusal with a reason (never both).</summary>
public sealed record EmailParseResult
{
    private EmailParseResult(InboundEmail? email, EmailParseRefusal? refusal, string? reason)
    {
        Email = email;
        Refusal = refusal;
        RefusalReason = reason;
    }

    public InboundEmail? Email { get; }
    public EmailParseRefusal? Refusal { get; }
    public string? RefusalReason { get; }
    public bool IsRefused => Refusal is not null;

    public static EmailParseResult Parsed(InboundEmail email) => new(email, null, null);
    public static EmailParseResult Refused(EmailParseRefusal refusal, string reason) => new(null, refusal, reason);
}
