using System.Diagnostics;
using System.Text;
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
    private readonly List<(Process Process, StringBuilder Log)> _apps = [];
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
        foreach (var (process, _) in _apps)
        {
            Kill(process);
            process.Dispose();
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
        var blockedPid = await WaitForBlockedIngestAsync(holderPid, first);
        Note($"ingest blocked in backend {blockedPid}: " + await Scalar(_connectionString, $"""
            SELECT a.query || ' | locks: ' || (SELECT string_agg(coalesce(l.relation::regclass::text, l.locktype) || ' ' || l.mode || CASE WHEN l.granted THEN '' ELSE ' (waiting)' END, ', ')
                                              FROM pg_locks l WHERE l.pid = a.pid)
            FROM pg_stat_activity a WHERE a.pid = {blockedPid}
            """));
        (await InboxCountsAsync(dovecot)).ShouldBe((1, 0), "the message stays in the inbox while its ingest has not committed");

        // SIGKILL: no shutdown hooks, no rollback by the app; the server aborts the orphaned transaction.
        Kill(first.Process);
        await holding.CommitAsync();
        await WaitUntilAsync(async () => await Scalar(_connectionString, $"SELECT count(*) FROM pg_stat_activity WHERE pid = {blockedPid}") is 0L,
            TimeSpan.FromSeconds(20), "the killed app's database session to end");
        (await Scalar(_connectionString, $"SELECT count(*) FROM inbound_emails WHERE message_id = '{messageId}'")).ShouldBe(0L,
            "nothing of the killed ingest was committed");

        Note("first app killed; its transaction left nothing behind");
        var second = StartApp();
        await WaitUntilAsync(async () => await InboxCountsAsync(dovecot) == (0, 1), TimeSpan.FromSeconds(40),
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

    /// <summary>Waits until a backend is blocked by <paramref name="holderPid"/> while holding a write lock on inbound_emails: the ingest, mid-transaction.</summary>
    private async Task<int> WaitForBlockedIngestAsync(int holderPid, (Process Process, StringBuilder Log) app)
    {
        const string sql = """
            SELECT a.pid FROM pg_stat_activity a
            WHERE a.datname = current_database() AND @holder = ANY (pg_blocking_pids(a.pid)) AND a.wait_event_type = 'Lock'
              AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted AND l.mode = 'RowExclusiveLock'
                          AND l.relation = 'inbound_emails'::regclass)
            """;
        int? pid = null;
        await WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("holder", holderPid);
            pid = (int?)await command.ExecuteScalarAsync();
            return pid is not null;
        }, TimeSpan.FromSeconds(40), "the app's ingest to wait on the cases lock inside its transaction", app);
        return pid!.Value;
    }

    private (Process Process, StringBuilder Log) StartApp()
    {
        var dll = WebAppDll();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__HelpDesk"] = _connectionString;
        start.Environment["HelpDesk__SeedDemoData"] = "false";
        start.Environment["HelpDesk__Email__PollIntervalSeconds"] = "1";
        start.Environment["HelpDesk__Sla__SweepIntervalSeconds"] = "0";
        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        TestRun.Record(process.Id, "HelpDesk app");
        _apps.Add((process, log));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            TestRun.Forget(process.Id);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    /// <summary>The built app: src/HelpDesk.Web/bin/&lt;same configuration and framework as this test assembly&gt;/HelpDesk.Web.dll.</summary>
    private static string WebAppDll()
    {
        var binary = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = binary.Name;
        var configuration = binary.Parent!.Name;
        var root = binary;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HelpDesk.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? "" : Path.Combine(root.FullName, "src", "HelpDesk.Web", "bin", configuration, framework, "HelpDesk.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The restart test runs the built app, but {dll} does not exist (build src/HelpDesk.Web).");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, (Process Process, StringBuilder Log)? app = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (app is { } running && running.Process.HasExited)
            {
                throw new ShouldAssertException($"The app exited ({running.Process.ExitCode}) while waiting for {what}:\n{Snapshot(running.Log)}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.{(app is { } a ? "\nApp output:\n" + Snapshot(a.Log) : "")}");
            }

            await Task.Delay(200);
        }
    }

    private static string Snapshot(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
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
