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
