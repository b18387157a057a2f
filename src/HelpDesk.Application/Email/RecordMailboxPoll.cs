using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>The IMAP poller records its last successful poll, or its last error, on the mailbox (shown to admins).</summary>
public static class RecordMailboxPoll
{
    public sealed record Command(Guid MailboxId, string? Error) : ICommand<Unit>, IRequireSystem;

    public sealed class Handler(IHelpDeskDb db, IClock clock) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var mailbox = await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == command.MailboxId, cancellationToken);
            mailbox?.RecordPoll(clock.UtcNow, command.Error);
            return Unit.Value;
        }
    }
}
