namespace HelpDesk.Application.Email;

public sealed record MailboxName(Guid Id, string Name);
