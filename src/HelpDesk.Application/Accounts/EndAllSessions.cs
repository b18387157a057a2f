using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Accounts;

/// <summary>"Sign out of all sessions": every cookie, bearer and refresh token of the account stops working at once.</summary>
public static class EndAllSessions
{
    public sealed record Command : ICommand<Unit>, IRequireSignedIn;

    public sealed class Handler(IAccountIdentity accounts, IHelpDeskDb db, IClock clock, ICurrentUser user) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await accounts.EndAllSessionsAsync(user.UserId!, "signed out everywhere", cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "account.signed_out_everywhere", "user", user.UserId!));
            return Unit.Value;
        }
    }
}
