namespace HelpDesk.Application.Email;

/// <param name="Mailboxes">Every mailbox (id and name), for the filter.</param>
public sealed record IgnoredMailPage(IReadOnlyList<IgnoredMailModel> Items, int Page, int PageSize, int Total, IReadOnlyList<MailboxName> Mailboxes);
