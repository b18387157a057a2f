using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>The queues a routing rule can send cases to, in display order. Administrators only.</summary>
public static class ListQueueChoices
{
    public sealed record Query : IQuery<IReadOnlyList<QueueChoice>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<QueueChoice>>
    {
        public async ValueTask<IReadOnlyList<QueueChoice>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Queues.AsNoTracking().OrderBy(q => q.SortOrder)
                .Select(q => new QueueChoice(q.Name, q.Tier, q.Channel, q.Description))
                .ToListAsync(cancellationToken);
    }
}
