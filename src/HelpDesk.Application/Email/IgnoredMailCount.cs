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

/// <summary>How many messages were set aside per reason since a moment (the mailbox admin page shows the last 7 days).</summary>
public sealed record IgnoredMailCount(IgnoredReason Reason, int Count);
