using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>Connects to a mailbox's servers and signs in, without touching mail.</summary>
public interface IMailConnectionTester
{
    /// <summary>Null when the IMAP server accepted the stored credentials, else what went wrong.</summary>
    Task<string?> TestImapAsync(Mailbox mailbox, CancellationToken cancellationToken);
}

/// <summary>"Test connection" on the admin page: signs in to the mailbox's IMAP server with the stored settings.</summary>
public static class TestMailboxConnection
{
    public sealed record Query(Guid Id) : IQuery<Result>, IRequireAdmin;

    public sealed record Result(bool Ok, string Message);

    public sealed class Handler(IHelpDeskDb db, IMailConnectionTester tester) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException($"Mailbox {query.Id} was not found.");
            if (string.IsNullOrWhiteSpace(mailbox.ImapHost))
            {
                return new Result(false, "No IMAP host is configured.");
            }

            var error = await tester.TestImapAsync(mailbox, cancellationToken);
            return error is null
                ? new Result(true, $"Signed in to {mailbox.ImapHost}:{mailbox.ImapPort} as {mailbox.ImapUser}.")
                : new Result(false, error);
        }
    }
}
