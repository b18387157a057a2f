using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>The subscriber's callbacks, newest first (optionally those on one case).</summary>
public static class ListMyCallbacks
{
    public const int Limit = 20;

    public sealed record Query(Guid? CaseId = null) : IQuery<IReadOnlyList<CallbackView>>, IRequireSubscriber;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CallbackOptions> options) : IQueryHandler<Query, IReadOnlyList<CallbackView>>
    {
        public async ValueTask<IReadOnlyList<CallbackView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var mine = db.Callbacks.AsNoTracking().Include(c => c.Attempts).Where(c => c.SubscriberId == user.SubscriberId);
            if (query.CaseId is { } caseId)
            {
                mine = mine.Where(c => c.CaseId == caseId);
            }

            var callbacks = await mine.OrderByDescending(c => c.CreatedAt).Take(Limit).ToListAsync(cancellationToken);
            var views = new List<CallbackView>(callbacks.Count);
            foreach (var callback in callbacks)
            {
                views.Add(await CallbackSupport.ViewAsync(db, callback, options.Value, clock.UtcNow, staff: false, cancellationToken));
            }

            return views;
        }
    }
}
