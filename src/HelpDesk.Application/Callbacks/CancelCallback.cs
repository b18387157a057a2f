using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Callbacks;

/// <summary>The subscriber cancels their own callback (anyone else's answers "not found"). The case stays open.</summary>
public static class CancelCallback
{
    public sealed record Command(Guid Id) : ICommand<CallbackView>, IRequireSubscriber;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CallbackOptions> options) : ICommandHandler<Command, CallbackView>
    {
        public async ValueTask<CallbackView> Handle(Command command, CancellationToken cancellationToken)
        {
            var callback = await db.Callbacks.Include(c => c.Attempts)
                .SingleOrDefaultAsync(c => c.Id == command.Id && c.SubscriberId == user.SubscriberId, cancellationToken)
                ?? throw CallbackSupport.NotFound(command.Id);
            var now = clock.UtcNow;
            var from = callback.Status;
            callback.Cancel(now);
            var @case = await db.Cases.SingleAsync(c => c.Id == callback.CaseId, cancellationToken);
            @case.AddCallbackEntry("You cancelled the callback request; we will not call.", Visibility.Public, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "callback.cancelled", "callback", callback.Id.ToString(), callback.CaseId,
                AuditData.Of(("status", from.ToString(), callback.Status.ToString()))));
            return await CallbackSupport.ViewAsync(db, callback, options.Value, now, staff: false, cancellationToken, @case.Number);
        }
    }
}
