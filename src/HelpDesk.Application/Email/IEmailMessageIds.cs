namespace HelpDesk.Application.Email;

/// <summary>
/// Message-IDs we put on outgoing mail. Each carries the case id and an HMAC, so a reply's In-Reply-To/References
/// can be trusted to thread into that case, and a forged or guessed reference cannot (ADR 0007).
/// Ids are returned and accepted WITHOUT angle brackets.
/// </summary>
public interface IEmailMessageIds
{
    /// <summary>A new signed Message-ID for a message about <paramref name="caseId"/>.</summary>
    ValueTask<string> NewAsync(Guid caseId, CancellationToken cancellationToken);

    /// <summary>
    /// The case a Message-ID was issued for, or null when it is not one of ours or its signature does not verify.
    /// Angle brackets and surrounding spaces are ignored.
    /// </summary>
    ValueTask<Guid?> TryReadCaseAsync(string messageId, CancellationToken cancellationToken);
}

/// <summary>Settings for signed Message-IDs (section <c>Email:Threading</c>).</summary>
public sealed class EmailThreadingOptions
{
    public const string Section = "Email:Threading";

    /// <summary>Right-hand side of our Message-IDs ("support.example.com").</summary>
    public string Domain { get; set; } = "helpdesk.local";

    /// <summary>
    /// HMAC key (any string of at least 32 characters). When empty, a random key is generated once and kept in the
    /// database, so every node and every restart signs and verifies with the same key.
    /// </summary>
    public string? Secret { get; set; }
}
