using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>A support mailbox as admins see it. Passwords are never returned: only whether one is stored.</summary>
public sealed record MailboxModel(
    Guid Id, string Name, string Address, string? FromName, bool Enabled,
    string ImapHost, int ImapPort, MailSecurity ImapSecurity, string ImapUser, bool HasImapPassword, string InboxFolder, string ProcessedFolder,
    string SmtpHost, int SmtpPort, MailSecurity SmtpSecurity, string SmtpUser, bool HasSmtpPassword,
    string DefaultQueueKey, DateTimeOffset? LastPolledAt, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>The support mailboxes (administrators); one when <c>Id</c> is given (404 when unknown).</summary>
public static class ListMailboxes
{
    public sealed record Query(Guid? Id = null) : IQuery<IReadOnlyList<MailboxModel>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<MailboxModel>>
    {
        public async ValueTask<IReadOnlyList<MailboxModel>> Handle(Query query, CancellationToken cancellationToken)
        {
            var list = await db.Mailboxes.AsNoTracking()
                .Where(m => query.Id == null || m.Id == query.Id)
                .OrderBy(m => m.Name)
                .Select(m => new MailboxModel(
                    m.Id, m.Name, m.Address, m.FromName, m.Enabled,
                    m.ImapHost, m.ImapPort, m.ImapSecurity, m.ImapUser, m.ImapPasswordProtected != null, m.InboxFolder, m.ProcessedFolder,
                    m.SmtpHost, m.SmtpPort, m.SmtpSecurity, m.SmtpUser, m.SmtpPasswordProtected != null,
                    m.DefaultQueueKey, m.LastPolledAt, m.LastError, m.LastErrorAt))
                .ToListAsync(cancellationToken);
            if (query.Id is { } id && list.Count == 0)
            {
                throw new NotFoundException($"Mailbox {id} was not found.");
            }

            return list;
        }
    }
}
