using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>One callback with its place in the queue and estimated time: the subscriber's own, or any for staff.</summary>
public static class GetCallback
{
    public sealed record Query(Guid Id) : IQuery<CallbackView>, IRequireSignedIn;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CallbackOptions> options) : IQueryHandler<Query, CallbackView>
    {
        public async ValueTask<CallbackView> Handle(Query query, CancellationToken cancellationToken)
        {
            var callback = await CallbackSupport.LoadVisibleAsync(db, user, query.Id, cancellationToken);
            return await CallbackSupport.ViewAsync(db, callback, options.Value, clock.UtcNow, user.IsStaff(), cancellationToken);
        }
    }
}
