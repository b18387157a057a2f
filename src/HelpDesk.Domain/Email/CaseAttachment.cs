namespace HelpDesk.Domain.Email;

/// <summary>
/// A file that came with an email (attachment or inline image), stored in the database. A refused file (too large,
/// forbidden type) is kept as a row with <see cref="RejectedReason"/> and no content, so it is never silently dropped.
/// </summary>
public sealed class CaseAttachment
{
    public const int MaxFileNameLength = 255;

    private CaseAttachment()
    {
        FileName = ContentType = string.Empty;
        Content = [];
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid? InteractionId { get; private set; }
    public Guid? InboundMessageId { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public long Size { get; private set; }
    public bool IsInline { get; private set; }
    public string? ContentId { get; private set; }

    /// <summary>SVG, HTML, XML, JavaScript…: always served as application/octet-stream download.</summary>
    public bool DownloadOnly { get; private set; }

    public string? RejectedReason { get; private set; }
    public byte[] Content { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsRejected => RejectedReason is not null;

    public static CaseAttachment Create(
        Guid caseId, Guid? interactionId, Guid? inboundMessageId, string fileName, string contentType, long size, bool isInline,
        string? contentId, bool downloadOnly, string? rejectedReason, byte[] content, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            InteractionId = interactionId,
            InboundMessageId = inboundMessageId,
            FileName = string.IsNullOrWhiteSpace(fileName) ? "attachment" : fileName.Length > MaxFileNameLength ? fileName[..MaxFileNameLength] : fileName,
            ContentType = contentType.Length > 200 ? contentType[..200] : contentType,
            Size = size,
            IsInline = isInline,
            ContentId = contentId is { Length: > 500 } ? contentId[..500] : contentId,
            DownloadOnly = downloadOnly,
            RejectedReason = rejectedReason,
            Content = rejectedReason is null ? content : [],
            CreatedAt = now,
        };
}
