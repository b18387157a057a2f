using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>Counts per reason of mail set aside since <c>Since</c> (administrators; the mailbox admin page shows the last 7 days).</summary>
public static class CountIgnoredMail
{
    public sealed record Query(DateTimeOffset Since, Guid? MailboxId = null) : IQuery<IReadOnlyList<IgnoredMailCount>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<IgnoredMailCount>>
    {
        public async ValueTask<IReadOnlyList<IgnoredMailCount>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.InboundMessages.AsNoTracking()
                .Where(m => m.IgnoredReason != null && m.ReceivedAt >= query.Since && (query.MailboxId == null || m.MailboxId == query.MailboxId))
                .GroupBy(m => m.IgnoredReason!.Value)
                .Select(g => new IgnoredMailCount(g.Key, g.Count()))
                .ToListAsync(cancellationToken);
            return [.. counts.OrderBy(c => c.Reason)];
        }
    }
}
