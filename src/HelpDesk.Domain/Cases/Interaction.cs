using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Cases;

/// <summary>One message or event on a case's timeline.</summary>
public sealed class Interaction
{
    public const int MaxExplanationLength = 500;

    private Interaction()
    {
        AuthorName = Body = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Channel Channel { get; private set; }
    public Direction Direction { get; private set; }
    public AuthorKind AuthorKind { get; private set; }

    /// <summary>The agent or subscriber id of the author, when a person wrote it.</summary>
    public Guid? AuthorId { get; private set; }

    /// <summary>Name shown on the timeline: a first name and role, or "HelpDesk".</summary>
    public string AuthorName { get; private set; }

    public Visibility Visibility { get; private set; }

    /// <summary>Plain text; encoded on output. HTML channels store sanitized HTML elsewhere.</summary>
    public string Body { get; private set; }

    /// <summary>"Why we ask this": a short reason shown to the subscriber under an agent's request.</summary>
    public string? Explanation { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Caller-supplied id that makes a retried submission land once.</summary>
    public Guid? ClientRequestId { get; private set; }

    internal static Interaction Create(
        Guid caseId,
        Channel channel,
        Direction direction,
        AuthorKind authorKind,
        Guid? authorId,
        string authorName,
        Visibility visibility,
        string body,
        DateTimeOffset at,
        Guid? clientRequestId = null,
        string? explanation = null) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Channel = channel,
            Direction = direction,
            AuthorKind = authorKind,
            AuthorId = authorId,
            AuthorName = authorName,
            Visibility = visibility,
            Body = body,
            CreatedAt = at,
            ClientRequestId = clientRequestId,
            Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim(),
        };

    /// <summary>
    /// The RFC 5322 Message-ID (without angle brackets) of the email this entry came in as or went out as, so replies
    /// thread: inbound mail sets it on receipt, an agent reply sent by email gets its outgoing id.
    /// </summary>
    public string? EmailMessageId { get; private set; }

    public void LinkEmail(string messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        EmailMessageId = messageId.Trim().Trim('<', '>');
    }

    /// <summary>Merging moves the timeline to the surviving case.</summary>
    internal void MoveTo(Guid caseId) => CaseId = caseId;
}
