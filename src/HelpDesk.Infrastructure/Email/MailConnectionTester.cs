using HelpDesk.Application.Admin;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;

namespace HelpDesk.Infrastructure.Email;

/// <summary>Signs in over IMAP (MailKit) with the mailbox's stored, protected password, then disconnects.</summary>
public sealed class MailConnectionTester(IMailboxSecrets secrets) : IMailConnectionTester
{
    public async Task<string?> TestImapAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            using var client = await ImapPollerService.ConnectAsync(mailbox, secrets.Unprotect(mailbox.ImapPasswordProtected), timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
