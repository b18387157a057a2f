namespace HelpDesk.Application.Notifications;

/// <summary>One page of the caller's notifications, newest first, and how many of all of them are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, string? NextCursor, int UnreadCount);
