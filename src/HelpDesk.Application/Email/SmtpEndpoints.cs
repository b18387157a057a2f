using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>
/// Chooses the SMTP server for a message: its own mailbox when that has SMTP settings, else the first enabled mailbox
/// that has them, else the <c>HelpDesk:Email:Smtp</c> settings. None of these: email is not configured.
/// </summary>
public sealed class SmtpEndpoints(IHelpDeskDb db, IMailboxSecrets secrets, IOptions<OutboundEmailOptions> options)
{
    private List<Mailbox>? _mailboxes;

    public async Task<bool> IsConfiguredAsync(CancellationToken cancellationToken) =>
        options.Value.Smtp.IsConfigured || (await MailboxesAsync(cancellationToken)).Count > 0;

    public async Task<SmtpEndpoint?> ForAsync(Guid? mailboxId, CancellationToken cancellationToken)
    {
        var mailboxes = await MailboxesAsync(cancellationToken);
        var mailbox = mailboxes.FirstOrDefault(m => m.Id == mailboxId) ?? mailboxes.FirstOrDefault();
        if (mailbox is not null)
        {
            return new SmtpEndpoint(
                mailbox.SmtpHost, mailbox.SmtpPort, mailbox.SmtpSecurity, NullIfEmpty(mailbox.SmtpUser),
                secrets.Unprotect(mailbox.SmtpPasswordProtected), mailbox.Address, mailbox.FromName, $"mailbox {mailbox.Name}");
        }

        var smtp = options.Value.Smtp;
        return smtp.IsConfigured
            ? new SmtpEndpoint(smtp.Host, smtp.Port, smtp.Security, NullIfEmpty(smtp.User), NullIfEmpty(smtp.Password), smtp.FromAddress, smtp.FromName, "HelpDesk:Email:Smtp")
            : null;
    }

    private async Task<List<Mailbox>> MailboxesAsync(CancellationToken cancellationToken) =>
        _mailboxes ??= await db.Mailboxes.AsNoTracking()
            .Where(m => m.Enabled && m.SmtpHost != "")
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
