namespace HelpDesk.Application.Notifications;

/// <summary>One alert as its recipient sees it.</summary>
public sealed record NotificationItem(
    Guid Id, string Kind, string Message, Guid? CaseId, string? CaseNumber, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

/// <summary>One page of the caller's notifications, newest first, and how many of all of them are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor, int UnreadCount);
