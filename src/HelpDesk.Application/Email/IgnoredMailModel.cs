using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>One inbound email that opened no case, as staff see it on the "Ignored mail" page and in the API.</summary>
public sealed record IgnoredMailModel(
    Guid Id, DateTimeOffset ReceivedAt, IgnoredReason Reason, string Detail, string? Mailbox, Guid? MailboxId, string? FromAddress, string? FromName,
    string Subject, long Size, bool RawKept, bool RawTruncated, bool ReusedMessageId, string MessageId,
    Guid? CaseId, string? CaseNumber, DateTimeOffset? HandledAt, string? HandledBy);
