namespace HelpDesk.Application.Notifications;

/// <summary>One alert as its recipient sees it.</summary>
public sealed record NotificationItem(
    Guid Id, string Kind, string Message, Guid? CaseId, string? CaseNumber, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}
