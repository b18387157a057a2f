using HelpDesk.Application.Admin;
using HelpDesk.Application.Email;
using System.Net;
using System.Net.Sockets;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Workers;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Email;

/// <summary>Signs in over IMAP (MailKit) with the mailbox's stored, protected password, then disconnects.</summary>
public sealed class MailConnectionTester(IMailboxSecrets secrets, IOptions<MailServerOptions> servers) : IMailConnectionTester
{
    public async Task<string?> TestImapAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(mailbox.ImapHost ?? string.Empty, mailbox.ImapPort, cancellationToken) is { } refusal)
        {
            return refusal;
        }

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

    /// <summary>Why the app will not connect to this host and port, or null (MailServerOptions).</summary>
    private async Task<string?> RefusalAsync(string host, int port, CancellationToken cancellationToken)
    {
        var options = servers.Value;
        if (!options.IsPortAllowed(port))
        {
            return $"Port {port} is not a mail port this app may connect to (allowed: {options.AllowedPorts}). Use the IMAP port 143 or 993, or ask the operator to allow it (HelpDesk:Email:MailServers:AllowedPorts).";
        }

        if (options.AllowPrivateAddresses)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            return $"The host {host} could not be found: {ex.Message}";
        }

        return addresses.Length == 0 || addresses.Any(MailServerOptions.IsNonPublic)
            ? $"{host} is a local or private network address; this app connects only to mail servers on the internet (the operator can allow private servers with HelpDesk:Email:MailServers:AllowPrivateAddresses)."
            : null;
    }
}
