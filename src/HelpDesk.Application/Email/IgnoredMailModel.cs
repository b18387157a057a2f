using HelpDesk.Domain.Email;

namespace HelpDesk.Application.Email;

/// <summary>One inbound email that opened no case, as staff see it on the "Ignored mail" page and in the API.</summary>
public sealed record IgnoredMailModel(
    Guid Id, DateTimeOffset ReceivedAt, IgnoredReason Reason, string Detail, string? Mailbox, Guid? MailboxId, string? FromAddress, string? FromName,
    string Subject, long Size, bool RawKept, bool RawTruncated, bool ReusedMessageId, string MessageId,
    Guid? CaseId, string? CaseNumber, DateTimeOffset? HandledAt, string? HandledBy);
