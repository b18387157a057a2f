using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Hosting;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Email;

/// <summary>
/// Issue 5, restart test: the app (HelpDesk.Web.dll as its own OS process, polling a real dovecot) is killed with
/// SIGKILL while its IMAP poller is inside the ingest transaction of a message — held there by a table lock this test
/// takes in its own PostgreSQL connection, so the app carries no fault-injection code. A new app process on the same
/// database then ingests the message exactly once: one stored email, one case with one inbound interaction, and the
/// message moved to the processed folder once.
/// </summary>
public sealed class EmailRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string MessageId = "restart-1@restart-test.example";
    private const string Subject = "Router keeps rebooting";

    private readonly List<AppProcess> _apps = [];
    private string _connectionString = "";
    private DovecotServer? _dovecot;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync(nameof(EmailRestartTests), HelpDeskAppFactory.BuildTemplateAsync);
        _dovecot = await DovecotServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.KillAsync();
            await app.DisposeAsync();
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
    public async Task An_app_killed_between_receive_and_commit_ingests_the_message_exactly_once_after_a_restart()
    {
        var dovecot = _dovecot!;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        try
        {
            var first = await StartAppAsync();
            Step("first app ready");
            await AddMailboxAsync(first, dovecot);

            // Hold off every write to inbound_emails: the ingest's first statement (claiming the Message-ID) waits
            // inside the ingest transaction. Plain reads still work, so the counts below can be taken meanwhile.
            await using var blocker = new NpgsqlConnection(_connectionString);
            await blocker.OpenAsync();
            await using var hold = await blocker.BeginTransactionAsync();
            await Execute(blocker, "LOCK TABLE inbound_emails IN EXCLUSIVE MODE");

            // Observations go through another connection: pg_stat_activity is a snapshot per transaction.
            await using var db = new NpgsqlConnection(_connectionString);
            await db.OpenAsync();

            using (var client = await ConnectAsync(dovecot))
            {
                await client.Inbox.AppendAsync(Message());
                await client.DisconnectAsync(true);
            }

            // The poller fetched the message and its ingest now waits for the lock.
            var waiting = await WaitForAsync(
                async () => await Scalar(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%inbound_emails%'") > 0,
                TimeSpan.FromSeconds(60));
            waiting.ShouldBeTrue("the first app's ingest should be waiting on the inbound_emails lock");
            Step("first app's ingest waits on the lock");
            (await Scalar(db, "SELECT count(*) FROM inbound_emails")).ShouldBe(0, "nothing is committed before the kill");
            (await Scalar(db, $"SELECT count(*) FROM cases WHERE subject = '{Subject}'")).ShouldBe(0);
            (await FolderCountsAsync(dovecot)).ShouldBe((1, 0), "the message is still in the inbox (INBOX, Processed) before the kill");

            await first.KillAsync();
            first.ExitCode.ShouldNotBe(0);
            first.Output.ShouldNotContain("CaseOpened");
            await hold.RollbackAsync();
            Step("first app killed, lock released");

            // The killed app never sent COMMIT: its backend aborts the ingest once it gets the lock and finds the client gone.
            (await WaitForAsync(
                async () => await Scalar(db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%INSERT INTO inbound_emails%' AND state <> 'idle'") == 0,
                TimeSpan.FromSeconds(20))).ShouldBeTrue("the killed app's backend should end");
            (await Scalar(db, "SELECT count(*) FROM inbound_emails")).ShouldBe(0, "the killed ingest left nothing behind");
            (await FolderCountsAsync(dovecot)).ShouldBe((1, 0));

            // A new app on the same database picks the message up from the inbox.
            var second = await StartAppAsync();
            Step("second app ready");
            (await WaitForAsync(async () => await FolderCountsAsync(dovecot) == (0, 1), TimeSpan.FromSeconds(60)))
                .ShouldBeTrue("the second app should ingest the message and move it to Processed");
            Step("second app ingested and moved the message");

            (await Scalar(db, "SELECT count(*) FROM inbound_emails")).ShouldBe(1);
            (await Scalar(db, $"SELECT count(*) FROM inbound_emails WHERE message_id ILIKE '%{MessageId}%' AND outcome = 'CaseOpened' AND source = 'imap'")).ShouldBe(1);
            (await Scalar(db, $"SELECT count(*) FROM cases WHERE subject = '{Subject}'")).ShouldBe(1);
            (await Scalar(db, $"SELECT count(*) FROM inbound_emails e JOIN cases c ON c.id = e.case_id WHERE c.subject = '{Subject}'")).ShouldBe(1);
            (await Scalar(db,
                $"SELECT count(*) FROM interactions i JOIN cases c ON c.id = i.case_id WHERE c.subject = '{Subject}' AND i.direction = 'Inbound'")).ShouldBe(1, "one inbound interaction on the case");
            (await Scalar(db, "SELECT count(*) FROM interactions i JOIN inbound_emails e ON e.interaction_id = i.id AND e.case_id = i.case_id")).ShouldBe(1);

            // Still once a poll interval later: no second copy anywhere.
            await Task.Delay(TimeSpan.FromSeconds(2));
            (await FolderCountsAsync(dovecot)).ShouldBe((0, 1));
            (await Scalar(db, "SELECT count(*) FROM inbound_emails")).ShouldBe(1);
            second.Output.ShouldContain("CaseOpened");
        }
        catch
        {
            foreach (var (app, index) in _apps.Select((a, i) => (a, i)))
            {
                output.WriteLine($"--- app process {index + 1} (exit {app.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "running"}) ---");
                output.WriteLine(app.Output);
            }

            throw;
        }
    }

    private async Task<AppProcess> StartAppAsync()
    {
        var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__HelpDesk"] = _connectionString,
            ["HelpDesk__SeedDemoData"] = "false",
            ["HelpDesk__Email__PollIntervalSeconds"] = "1",
            ["HelpDesk__Sla__SweepIntervalSeconds"] = "0",
            ["HelpDesk__RateLimits__SignInPerMinute"] = "1000",
        });
        _apps.Add(app);
        (await app.WaitUntilReadyAsync(TimeSpan.FromMinutes(2))).ShouldBeTrue(app.Output);
        return app;
    }

    /// <summary>Adds the support mailbox through the running app's admin API (so the app protects the password itself).</summary>
    private static async Task AddMailboxAsync(AppProcess app, DovecotServer dovecot)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.Url) };
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Admin, password = Demo.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, app.Output);
        var token = await login.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var created = await client.PostAsJsonAsync("/api/v1/admin/mailboxes", new
        {
            name = "Support (restart)", address = DovecotServer.User, enabled = true, imapHost = dovecot.Host, imapPort = dovecot.Port,
            imapSecurity = "None", imapUser = DovecotServer.User, imapPassword = DovecotServer.Password, inboxFolder = "INBOX",
            processedFolder = "Processed", defaultQueueKey = "Email-Tier1",
        }, ApiClient.Json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static MimeMessage Message() =>
        new(new[] { MailboxAddress.Parse("dana@restart-test.example") }, new[] { MailboxAddress.Parse(DovecotServer.User) }, Subject,
            new TextPart("plain") { Text = "It reboots every ten minutes since the update." })
        {
            MessageId = MessageId,
        };

    private static async Task<ImapClient> ConnectAsync(DovecotServer server)
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }

    /// <summary>Messages in INBOX and in Processed (0 when Processed does not exist yet).</summary>
    private static async Task<(int Inbox, int Processed)> FolderCountsAsync(DovecotServer server)
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

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
