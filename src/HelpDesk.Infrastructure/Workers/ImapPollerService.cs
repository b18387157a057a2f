using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Persistence;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>
/// One loop per enabled mailbox: connect over IMAP, ingest every message in the inbox folder (as the system, through
/// <see cref="IngestEmail"/>), and only after the ingest committed move it to the processed folder (created when
/// missing) — or flag it \Seen when the server cannot move. A crash between commit and move re-fetches the message next
/// time and the ingest recognises it (stored once). IDLE is used when the server offers it; connection failures are
/// recorded on the mailbox and retried with exponential backoff. Mailboxes are re-read every poll interval, so admin
/// changes apply without a restart.
/// </summary>
public sealed class ImapPollerService(IServiceScopeFactory scopes, IOptions<EmailInboundOptions> options, ILogger<ImapPollerService> logger)
    : BackgroundService
{
    public const string WorkerName = "imap-poller";
    private readonly Dictionary<Guid, (DateTimeOffset Version, CancellationTokenSource Stop, Task Loop)> _running = [];

    private TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.PollIntervalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SuperviseAsync(stoppingToken);
                await Task.Delay(Interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            foreach (var (_, run) in _running)
            {
                await run.Stop.CancelAsync();
            }

            await Task.WhenAll(_running.Values.Select(r => r.Loop));
            foreach (var (_, run) in _running)
            {
                run.Stop.Dispose();
            }
        }
    }

    /// <summary>Starts a loop for each enabled mailbox and stops loops of mailboxes that were disabled, removed or changed.</summary>
    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        List<Mailbox> enabled;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            enabled = await db.Mailboxes.AsNoTracking().Where(m => m.Enabled && m.ImapHost != "").ToListAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "IMAP poller could not read the mailboxes; trying again later");
            return;
        }

        foreach (var id in _running.Keys.ToList())
        {
            var current = enabled.FirstOrDefault(m => m.Id == id);
            if (current is null || current.UpdatedAt != _running[id].Version || _running[id].Loop.IsCompleted)
            {
                await _running[id].Stop.CancelAsync();
                await _running[id].Loop;
                _running[id].Stop.Dispose();
                _running.Remove(id);
            }
        }

        foreach (var mailbox in enabled.Where(m => !_running.ContainsKey(m.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[mailbox.Id] = (mailbox.UpdatedAt, stop, Task.Run(() => RunMailboxAsync(mailbox, stop.Token), CancellationToken.None));
        }
    }

    private async Task RunMailboxAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = await ConnectAsync(mailbox, cancellationToken);
                failures = 0;
                while (!cancellationToken.IsCancellationRequested)
                {
                    await PollOnceAsync(client, mailbox, cancellationToken);
                    await WaitForMailAsync(client, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(failures, 9))));
                logger.LogWarning(ex, "IMAP mailbox {Mailbox} failed ({Failures} in a row); retrying in {Delay}", mailbox.Name, failures, delay);
                await RecordAsync(mailbox.Id, $"{ex.GetType().Name}: {ex.Message}");
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Connects and signs in with the mailbox's settings (also used by the admin page's "test connection").</summary>
    public static async Task<ImapClient> ConnectAsync(Mailbox mailbox, string? password, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = 30_000 };
        try
        {
            var security = mailbox.ImapSecurity switch
            {
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(mailbox.ImapHost, mailbox.ImapPort, security, cancellationToken);
            await client.AuthenticateAsync(mailbox.ImapUser, password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<ImapClient> ConnectAsync(Mailbox mailbox, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var password = scope.ServiceProvider.GetRequiredService<IMailboxSecrets>().Unprotect(mailbox.ImapPasswordProtected);
        return await ConnectAsync(mailbox, password, cancellationToken);
    }

    /// <summary>Ingests every message waiting in the inbox; each is moved (or flagged) only after its ingest committed.</summary>
    public async Task<int> PollOnceAsync(ImapClient client, Mailbox mailbox, CancellationToken cancellationToken)
    {
        var inbox = await client.GetFolderAsync(mailbox.InboxFolder, cancellationToken);
        await inbox.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await ProcessedFolderAsync(client, mailbox, cancellationToken);
        var uids = await inbox.SearchAsync(processed is null ? SearchQuery.NotSeen.And(SearchQuery.NotDeleted) : SearchQuery.NotDeleted, cancellationToken);
        var count = 0;
        foreach (var uid in uids)
        {
            byte[] raw;
            using (var buffer = new MemoryStream())
            {
                using var stream = await inbox.GetStreamAsync(uid, cancellationToken);
                await stream.CopyToAsync(buffer, cancellationToken);
                raw = buffer.ToArray();
            }

            var result = await scopes.IngestAsync(new IngestEmail.Command(raw, "imap", mailbox.Id), WorkerName, logger, cancellationToken);
            logger.LogInformation("IMAP {Mailbox} uid {Uid}: {Outcome} {Case} ({Reason})", mailbox.Name, uid, result.Outcome, result.CaseNumber, result.Reason);

            // Committed: now the message may leave the inbox.
            if (processed is not null)
            {
                await inbox.MoveToAsync(uid, processed, cancellationToken);
            }
            else
            {
                await inbox.AddFlagsAsync(uid, MessageFlags.Seen, silent: true, cancellationToken);
            }

            count++;
        }

        await RecordAsync(mailbox.Id, null);
        return count;
    }

    private static async Task<IMailFolder?> ProcessedFolderAsync(ImapClient client, Mailbox mailbox, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(mailbox.ProcessedFolder))
        {
            return null;
        }

        try
        {
            return await client.GetFolderAsync(mailbox.ProcessedFolder, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            try
            {
                var root = client.GetFolder(client.PersonalNamespaces[0]);
                return await root.CreateAsync(mailbox.ProcessedFolder, isMessageFolder: true, cancellationToken);
            }
            catch (Exception ex) when (ex is ImapCommandException or NotSupportedException)
            {
                // The server will not create it: flag messages \Seen instead.
                return null;
            }
        }
    }

    /// <summary>IDLE until the server reports new mail (or the poll interval passes); a plain wait when IDLE is not offered.</summary>
    private async Task WaitForMailAsync(ImapClient client, CancellationToken cancellationToken)
    {
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(Interval, cancellationToken);
            await client.NoOpAsync(cancellationToken);
            return;
        }

        using var done = new CancellationTokenSource(Interval);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(done.Token, cancellationToken);
        void OnCountChanged(object? sender, EventArgs e) => done.Cancel();
        client.Inbox.CountChanged += OnCountChanged;
        try
        {
            await client.IdleAsync(linked.Token, cancellationToken);
        }
        finally
        {
            client.Inbox.CountChanged -= OnCountChanged;
        }
    }

    private async Task RecordAsync(Guid mailboxId, string? error)
    {
        try
        {
            await using var scope = scopes.CreateSystemScope(WorkerName);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordMailboxPoll.Command(mailboxId, error));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "Could not record the poll result on mailbox {Mailbox}", mailboxId);
        }
    }
}
