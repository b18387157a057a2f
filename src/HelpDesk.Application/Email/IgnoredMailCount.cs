using HelpDesk.Domain.Email;

namespace HelpDesk.Application.Email;

/// <summary>How many messages were set aside per reason since a moment (the mailbox admin page shows the last 7 days).</summary>
public sealed record IgnoredMailCount(IgnoredReason Reason, int Count);
