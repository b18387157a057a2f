using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <param name="Mailboxes">Every mailbox (id and name), for the filter.</param>
public sealed record IgnoredMailPage(IReadOnlyList<IgnoredMailModel> Items, int Page, int PageSize, int Total, IReadOnlyList<MailboxName> Mailboxes);
