using System.Diagnostics;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>
/// Issue 5's restart test, with the real app as a separate OS process (<c>dotnet HelpDesk.Web.dll</c>) polling a real
/// dovecot. The test holds <c>LOCK TABLE cases IN EXCLUSIVE MODE</c> in its own connection. The app fetches the message
/// over IMAP and starts the ingest transaction; its first statement (the insert that claims the Message-ID in
/// <c>inbound_emails</c>) inserts its row and then waits at its foreign-key check on <c>cases</c>. The test sees that
/// backend in <c>pg_stat_activity</c>/<c>pg_locks</c> (blocked by the test's lock, holding a write lock on
/// <c>inbound_emails</c>), kills the process with SIGKILL, releases the lock, starts a second process and checks the
/// message was stored, opened a case and left the inbox exactly once. No fault-injection code in the app.
/// </summary>
public sealed class ImapRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<AppProcess> _apps = [];
    private string _connectionString = "";
    private DovecotServer? _dovecot;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync(nameof(ImapRestartTests), HelpDeskAppFactory.BuildTemplateAsync);
        _dovecot = await DovecotServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        // Every app process this test started dies here, whatever happened in the test.
        foreach (var app in _apps)
        {
            app.Dispose();
        }

        if (_dovecot is not null)
        {
            await _dovecot.DisposeAsync();
        }

        if (_connectionString.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task An_app_killed_between_receiving_a_message_and_committing_it_ingests_it_exactly_once_after_a_restart()
    {
        var dovecot = _dovecot!;
        var messageId = $"restart-{Guid.NewGuid():N}@mail.example";
        var subject = "Restart test " + Guid.NewGuid().ToString("N")[..8];
        using (var client = await ConnectAsync(dovecot))
        {
            await client.Inbox.AppendAsync(new MimeMessage(
                new[] { MailboxAddress.Parse("alice@example.com") }, new[] { MailboxAddress.Parse(DovecotServer.User) }, subject,
                new TextPart("plain") { Text = "My TV app keeps logging me out." }) { MessageId = messageId });
            await client.DisconnectAsync(true);
        }

        await SeedMailboxAsync(dovecot);

        // Hold the lock the ingest will wait on: writes to cases (and foreign-key checks against it) block, reads go on.
        await using var holder = new NpgsqlConnection(_connectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await Execute(holder, "LOCK TABLE cases IN EXCLUSIVE MODE");
        var holderPid = (int)(await Scalar(holder, "SELECT pg_backend_pid()"))!;

        var first = StartApp();
        // Inside its transaction the ingest holds its claim on the Message-ID (an advisory lock) when the insert waits.
        var blockedPid = await AppProcess.WaitForBlockedWriterAsync(_connectionString, holderPid, AppProcess.AdvisoryLock, first,
            "the app's ingest to wait on the cases lock inside its transaction");
        Note($"ingest blocked in backend {blockedPid}: " + await Scalar(_connectionString, $"""
            SELECT a.query || ' | locks: ' || (SELECT string_agg(coalesce(l.relation::regclass::text, l.locktype) || ' ' || l.mode || CASE WHEN l.granted THEN '' ELSE ' (waiting)' END, ', ')
                                              FROM pg_locks l WHERE l.pid = a.pid)
            FROM pg_stat_activity a WHERE a.pid = {blockedPid}
            """));
        (await InboxCountsAsync(dovecot)).ShouldBe((1, 0), "the message stays in the inbox while its ingest has not committed");

        // SIGKILL: no shutdown hooks, no rollback by the app; the server aborts the orphaned transaction.
        first.Kill();
        await holding.CommitAsync();
        await AppProcess.WaitUntilAsync(async () => await Scalar(_connectionString, $"SELECT count(*) FROM pg_stat_activity WHERE pid = {blockedPid}") is 0L,
            TimeSpan.FromSeconds(20), "the killed app's database session to end");
        (await Scalar(_connectionString, $"SELECT count(*) FROM inbound_emails WHERE message_id = '{messageId}'")).ShouldBe(0L,
            "nothing of the killed ingest was committed");

        Note("first app killed; its transaction left nothing behind");
        var second = StartApp();
        await AppProcess.WaitUntilAsync(async () => await InboxCountsAsync(dovecot) == (0, 1), TimeSpan.FromSeconds(90),
            "the restarted app to ingest the message and move it to Processed", second);

        var options = new DbContextOptionsBuilder<HelpDeskDbContext>();
        HelpDeskDbContext.Configure(options, _connectionString);
        Note("second app ingested the message and moved it");
        await using var db = new HelpDeskDbContext(options.Options);
        var stored = await db.InboundMessages.AsNoTracking().Where(m => m.MessageId == messageId).ToListAsync();
        stored.Count.ShouldBe(1);
        stored[0].Outcome.ShouldBe(InboundOutcome.CaseOpened);
        var cases = await db.Cases.AsNoTracking().Where(c => c.Subject == subject).Select(c => c.Id).ToListAsync();
        cases.ShouldBe([stored[0].CaseId!.Value]);
        (await db.Interactions.CountAsync(i => i.EmailMessageId == messageId)).ShouldBe(1);
        (await db.Interactions.CountAsync(i => i.CaseId == cases[0] && i.Body.Contains("keeps logging me out"))).ShouldBe(1);
        (await db.OutboundEmails.CountAsync(e => e.CaseId == cases[0])).ShouldBe(1, "one acknowledgement");
        (await InboxCountsAsync(dovecot)).ShouldBe((0, 1), "moved to Processed once, not left in the inbox");
    }

    private void Note(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static async Task<ImapClient> ConnectAsync(DovecotServer server)
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }

    private static async Task<(int Inbox, int Processed)> InboxCountsAsync(DovecotServer server)
    {
        using var client = await ConnectAsync(server);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var inbox = client.Inbox.Count;
        var processed = 0;
        try
        {
            var folder = await client.GetFolderAsync("Processed");
            await folder.OpenAsync(FolderAccess.ReadOnly);
            processed = folder.Count;
        }
        catch (FolderNotFoundException)
        {
        }

        await client.DisconnectAsync(true);
        return (inbox, processed);
    }

    /// <summary>The mailbox as an admin would save it; its password protected with the app's key ring, which lives in the database.</summary>
    private async Task SeedMailboxAsync(DovecotServer server)
    {
        var services = new ServiceCollection();
        services.AddDbContext<HelpDeskDbContext>(o => HelpDeskDbContext.Configure(o, _connectionString));
        services.AddDataProtection().SetApplicationName("HelpDesk").PersistKeysToDbContext<HelpDeskDbContext>();
        services.AddSingleton<IMailboxSecrets, DataProtectionMailboxSecrets>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<IMailboxSecrets>();
        var mailbox = Mailbox.Create("Restart test", DovecotServer.User, "tier1-general", DateTimeOffset.UtcNow);
        mailbox.ConfigureImap(server.Host, server.Port, MailSecurity.None, DovecotServer.User, secrets.Protect(DovecotServer.Password), "INBOX", "Processed", DateTimeOffset.UtcNow);
        mailbox.SetEnabled(true, DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
    }

    private AppProcess StartApp()
    {
        var app = AppProcess.StartOn(_connectionString, new Dictionary<string, string>
        {
            ["HelpDesk:Email:PollIntervalSeconds"] = "1",
            ["HelpDesk:Sla:SweepIntervalSeconds"] = "0",
        });
        _apps.Add(app);
        return app;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> Scalar(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await Scalar(connection, sql);
    }
}
