using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpDesk.Infrastructure.Postgres;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using HelpDesk.Web.Tests.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Faults;

/// <summary>
/// Issue 14, item 2: the real app (<c>dotnet HelpDesk.Web.dll</c>, its own process and port) on a PostgreSQL cluster of
/// its own, while clients open cases, post inbound emails, send chat messages and issue credits — each with an
/// Idempotency-Key, Message-ID or client message id, retried with the same one like a real client — goes through
/// <c>kill -9</c> of the app and a restart, an immediate shutdown and restart of PostgreSQL (<c>pg_ctl stop -m
/// immediate</c>), and a 5 s freeze of PostgreSQL (SIGSTOP, then SIGCONT, to the postmaster and its backends).
/// Afterwards, by SQL: every acknowledged request is stored exactly once, no credit is doubled, the outbox drains with
/// no duplicate sends beyond the one message a kill -9 may catch between the SMTP server's acceptance and the commit
/// (resent with the same Message-ID; the test SMTP server counts Message-IDs), the SLA sweeper still works, and /health/ready went
/// red during the database outage and came back green by itself. The short version runs in CI; set
/// <c>HELPDESK_FAULT_SECONDS</c> (e.g. 600) to repeat the three faults until that many seconds have passed.
/// </summary>
[Trait("Category", "Faults")]
public sealed class FaultSuiteTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string InboundKey = "fault-suite-inbound-key-0123456789";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"helpdesk-fault-pg-{Guid.NewGuid():N}"[..36]);
    // A property: disposed in DisposeAsync (IAsyncLifetime), which the field rule CA1001 does not see.
    private TestSmtpServer Smtp { get; } = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<string> _events = new();
    private LocalPostgresCluster _cluster = null!;
    private AppProcess? _app;
    private int _port;

    public async Task InitializeAsync()
    {
        var bin = LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"))
            ?? throw new InvalidOperationException("The fault suite needs the PostgreSQL server binaries (apt-get install postgresql).");
        // Durable settings (fsync, synchronous commit): an immediate shutdown must not lose what was committed.
        _cluster = new LocalPostgresCluster(bin, _folder, ephemeral: false);
        await StartPostgresAsync();
        await _cluster.EnsureDatabaseAsync("helpdesk");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await Smtp.DisposeAsync();
        if (_cluster?.PostmasterPid() is { } pid)
        {
            Signal("CONT", -pid);
            NpgsqlConnection.ClearAllPools();
            await _cluster.StopAsync();
            TestRun.Forget(pid);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Through_app_kills_database_restarts_and_freezes_every_acknowledged_request_is_stored_exactly_once()
    {
        _app = StartApp();
        _port = _app.Port;
        (await _app.WaitUntilReadyAsync(TimeSpan.FromMinutes(3))).ShouldBeTrue(_app.Output);
        var url = _app.Url;

        using var health = new HealthMonitor(url, _clock);
        var subscriber = await SignInAsync(url, Demo.Alice);
        var agent = await SignInAsync(url, Demo.Agent2);
        var creditCase = await OpenCaseForCreditsAsync(subscriber);
        var chat = await StartChatAsync(url);

        using var stop = new CancellationTokenSource();
        var cases = new Tally("cases");
        var emails = new Tally("inbound emails");
        var chats = new Tally("chat messages");
        var credits = new Tally("credits");
        var clients = new[]
        {
            RunClientAsync(cases, key => OpenCaseAsync(subscriber, key), stop.Token),
            RunClientAsync(cases, key => OpenCaseAsync(subscriber, key), stop.Token),
            RunClientAsync(emails, key => PostEmailAsync(url, key), stop.Token),
            RunClientAsync(chats, key => SendChatAsync(url, chat, key), stop.Token),
            RunClientAsync(credits, key => IssueCreditAsync(agent, creditCase, key), stop.Token),
        };

        var seconds = int.TryParse(Environment.GetEnvironmentVariable("HELPDESK_FAULT_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 0;
        var until = _clock.Elapsed + TimeSpan.FromSeconds(seconds);
        var rounds = 0;
        do
        {
            rounds++;
            await Task.Delay(TimeSpan.FromSeconds(4));
            await KillAndRestartAppAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            var outage = await RestartPostgresImmediatelyAsync(health);
            outage.ShouldBeTrue($"/health/ready must go red while PostgreSQL is down:\n{health.Transitions}");
            await Task.Delay(TimeSpan.FromSeconds(4));
            await FreezePostgresAsync(TimeSpan.FromSeconds(5));
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        while (_clock.Elapsed < until);

        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Log($"{rounds} round(s) of the three faults; clients stopped");

        // /health/ready is green again with nobody touching anything.
        (await health.WaitForAsync(HttpStatusCode.OK, TimeSpan.FromSeconds(60))).ShouldBeTrue(health.Transitions);

        await using var db = new NpgsqlConnection(_cluster.ConnectionString("helpdesk"));
        await db.OpenAsync();
        var report = new StringBuilder();
        var problems = new List<string>();
        Check(report, problems, cases, await CountsAsync(db, "SELECT substr(subject, 12), count(*) FROM cases WHERE subject LIKE 'Fault case %' GROUP BY 1"));
        Check(report, problems, emails, await CountsAsync(db, "SELECT substr(message_id, 7, 36), count(*) FROM inbound_emails WHERE message_id LIKE 'fault-%' GROUP BY 1"));
        // One email, one case: a replayed email never opens a second case.
        var emailCases = await CountsAsync(db, "SELECT substr(subject, 13), count(*) FROM cases WHERE subject LIKE 'Fault email %' GROUP BY 1");
        problems.AddRange(emailCases.Where(c => c.Value > 1).Select(c => $"inbound email {c.Key} opened {c.Value} cases"));
        Check(report, problems, chats, await CountsAsync(db, $"SELECT client_message_id::text, count(*) FROM chat_messages WHERE conversation_id = '{chat.Id}' GROUP BY 1"));
        Check(report, problems, credits, await CountsAsync(db, "SELECT client_request_id::text, count(*) FROM credit_requests WHERE client_request_id IS NOT NULL GROUP BY 1"));
        var doubled = await CountsAsync(db, "SELECT credit_request_id::text, count(*) FROM credit_entries WHERE credit_request_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1");
        problems.AddRange(doubled.Select(d => $"credit request {d.Key} has {d.Value} ledger entries"));

        // The outbox drains, and nothing reached the SMTP server twice.
        var drained = await WaitUntilAsync(async () => await ScalarAsync(db, "SELECT count(*) FROM outbound_emails WHERE status = 'Pending'") == 0, TimeSpan.FromSeconds(120));
        var pending = await ScalarAsync(db, "SELECT count(*) FROM outbound_emails WHERE status = 'Pending'");
        var sentRows = await ScalarAsync(db, "SELECT count(*) FROM outbound_emails WHERE status = 'Sent'");
        var failedRows = await ScalarAsync(db, "SELECT count(*) FROM outbound_emails WHERE status = 'Failed'");
        var received = Smtp.Messages.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.Count());
        var duplicateSends = received.Values.Sum(n => n - 1);
        report.AppendLine(CultureInfo.InvariantCulture, $"outbox: {sentRows} sent, {pending} pending, {failedRows} failed; SMTP received {Smtp.Messages.Count} messages, {received.Count} distinct, {duplicateSends} duplicate sends");
        if (!drained)
        {
            problems.Add($"the outbox did not drain: {pending} still pending");
        }

        // SMTP has no transaction to join: the app dying between the server's "250 OK" and the commit that records it
        // sends that one message again, with the same Message-ID, so receivers can drop it (ADR 0110). The sender
        // leases one message at a time, so each kill -9 may resend at most one; anything beyond that is a defect.
        var resendsAllowed = rounds;
        if (duplicateSends > resendsAllowed || received.Values.Any(n => n > 2))
        {
            problems.Add($"{duplicateSends} duplicate sends after {rounds} kill(s) of the app (at most {resendsAllowed} allowed): {string.Join(", ", received.Where(r => r.Value > 1).Select(r => r.Key))}");
        }

        if (failedRows > 0)
        {
            problems.Add($"{failedRows} outbound emails failed for good");
        }

        // The SLA sweeper still runs: a case whose response deadline has passed gets its breach raised.
        var sweptCase = cases.AcknowledgedIds.First();
        await Execute(db, $"UPDATE cases SET response_warn_at = now() - interval '2 minutes', response_due_at = now() - interval '1 minute' WHERE id = '{sweptCase}'");
        var swept = await WaitUntilAsync(
            async () => await ScalarAsync(db, $"SELECT count(*) FROM audit_events WHERE case_id = '{sweptCase}' AND action = 'sla.breached'") > 0,
            TimeSpan.FromSeconds(60));
        report.AppendLine(CultureInfo.InvariantCulture, $"SLA sweeper after the faults: {(swept ? "raised the breach" : "did NOT raise the breach")}");
        if (!swept)
        {
            problems.Add("the SLA sweeper did not resume");
        }

        report.AppendLine("health: " + health.Transitions);
        output.WriteLine(report.ToString());
        output.WriteLine(string.Join(Environment.NewLine, _events));
        Console.WriteLine("[fault suite] " + report.ToString().ReplaceLineEndings(Environment.NewLine + "[fault suite] "));
        foreach (var tally in new[] { cases, emails, chats, credits })
        {
            tally.Acknowledged.ShouldBeGreaterThan(0, $"no {tally.Kind} were acknowledged at all:\n{report}\n{_app!.Output[^Math.Min(_app.Output.Length, 4000)..]}");
        }

        problems.ShouldBeEmpty(report + string.Join(Environment.NewLine, _events));
    }

    // ---- faults ----

    private async Task KillAndRestartAppAsync()
    {
        Log("kill -9 the app");
        await _app!.KillAsync();
        await _app.DisposeAsync();
        _app = StartApp(_port);
        (await _app.WaitUntilReadyAsync(TimeSpan.FromMinutes(3))).ShouldBeTrue(_app.Output);
        Log("app restarted and ready");
    }

    /// <summary>pg_ctl stop -m immediate, 3 s down, start again. Returns whether /health/ready went red meanwhile.</summary>
    private async Task<bool> RestartPostgresImmediatelyAsync(HealthMonitor health)
    {
        Log("PostgreSQL: immediate shutdown");
        var pid = _cluster.PostmasterPid();
        await _cluster.StopAsync(immediate: true);
        if (pid is { } stopped)
        {
            TestRun.Forget(stopped);
        }

        var red = await health.WaitForAsync(HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await StartPostgresAsync();
        Log("PostgreSQL: started again");
        return red;
    }

    private async Task FreezePostgresAsync(TimeSpan duration)
    {
        var pid = _cluster.PostmasterPid() ?? throw new InvalidOperationException("PostgreSQL is not running");
        // The postmaster and every backend (pg_ctl makes the postmaster a process group leader): all of PostgreSQL stops answering.
        Log($"PostgreSQL: SIGSTOP for {duration.TotalSeconds:0} s");
        Signal("STOP", -pid);
        try
        {
            await Task.Delay(duration);
        }
        finally
        {
            Signal("CONT", -pid);
        }

        Log("PostgreSQL: SIGCONT");
    }

    private async Task StartPostgresAsync()
    {
        await _cluster.StartAsync();
        if (_cluster?.PostmasterPid() is { } pid)
        {
            TestRun.Record(pid, "PostgreSQL fault-suite cluster", _folder);
        }
    }

    private static void Signal(string signal, int target)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", "--", target.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private AppProcess StartApp(int? port = null) => AppProcess.Start(
        new Dictionary<string, string>
        {
            ["ConnectionStrings__HelpDesk"] = _cluster.ConnectionString("helpdesk"),
            ["HelpDesk__SeedDemoData"] = "true",
            ["HelpDesk__Email__Smtp__Host"] = Smtp.Host,
            ["HelpDesk__Email__Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk__Email__Smtp__Security"] = "None",
            ["HelpDesk__Email__Smtp__FromAddress"] = "support@helpdesk.test",
            ["HelpDesk__Email__PublicBaseUrl"] = "https://help.example.test",
            ["HelpDesk__Email__SendIntervalSeconds"] = "1",
            ["HelpDesk__Email__TimeoutSeconds"] = "10",
            ["HelpDesk__Email__InboundApiKeys__0"] = InboundKey,
            ["HelpDesk__Sla__SweepIntervalSeconds"] = "1",
            ["HelpDesk__RateLimits__ChatStartsPerMinute"] = "1000",
            ["HelpDesk__RateLimits__SignInPerMinute"] = "1000",
            ["HelpDesk__RateLimits__AnonymousPerMinute"] = "100000",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        },
        port);

    // ---- clients ----

    /// <summary>One client: operation after operation until stopped; each retried with the same key until acknowledged.</summary>
    private async Task RunClientAsync(Tally tally, Func<string, Task<(HttpStatusCode Status, string? Id)>> operation, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            tally.Keys[key] = true;
            Interlocked.Increment(ref tally.Sent);
            // Like a real client: keep retrying the same request (same key) for up to five minutes, whatever happens (an app
            // restart on a loaded machine has taken 100 s).
            var giveUp = _clock.Elapsed + TimeSpan.FromMinutes(5);
            while (true)
            {
                HttpStatusCode? status = null;
                string? id = null;
                try
                {
                    (status, id) = await operation(key);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
                {
                }

                if (status is { } code && (int)code is >= 200 and < 300)
                {
                    tally.Acknowledge(key, id);
                    break;
                }

                if (status is { } refused && (int)refused is >= 400 and < 500 && refused is not (HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized))
                {
                    tally.Refused.Enqueue($"{key}: {(int)refused}");
                    break;
                }

                if (_clock.Elapsed > giveUp)
                {
                    tally.GaveUp.Enqueue(key);
                    break;
                }

                Interlocked.Increment(ref tally.Retries);
                await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(150), CancellationToken.None);
        }
    }

    private static async Task<(HttpStatusCode, string?)> OpenCaseAsync(HttpClient subscriber, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases")
        {
            Content = JsonContent.Create(new { subject = $"Fault case {key}", category = "Playback", description = "The app stops after a minute." }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await SendAsync(subscriber, request, "id");
    }

    /// <summary>
    /// The Date each email was first written with: a retry resends the same bytes, as an MTA or IMAP fetcher does. (A retry
    /// with a fresh Date is a different message under the same Message-ID, which intake rightly keeps as its own.)
    /// </summary>
    private static readonly ConcurrentDictionary<string, string> EmailDates = new();

    private static async Task<(HttpStatusCode, string?)> PostEmailAsync(string url, string key)
    {
        using var client = NewClient(url);
        var date = EmailDates.GetOrAdd(key, _ => DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
        var raw = $"""
            From: Fault Tester <fault.tester@customer-mail.test>
            To: support@helpdesk.test
            Subject: Fault email {key}
            Message-ID: <fault-{key}@customer-mail.test>
            Date: {date}
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8

            My subtitles are out of sync ({key}).
            """.ReplaceLineEndings("\r\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels/email/inbound") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(raw)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Api-Key", InboundKey);
        return await SendAsync(client, request, "inboundEmailId");
    }

    private static async Task<(HttpStatusCode, string?)> SendChatAsync(string url, ChatHandle chat, string key)
    {
        using var client = NewClient(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/chats/{chat.Id}/messages")
        {
            Content = JsonContent.Create(new { clientMessageId = key, text = $"Still buffering ({key[..8]})" }),
        };
        request.Headers.Add("X-Chat-Token", chat.Token);
        return await SendAsync(client, request, "clientMessageId");
    }

    private static async Task<(HttpStatusCode, string?)> IssueCreditAsync(HttpClient agent, Guid caseId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/credits")
        {
            Content = JsonContent.Create(new { amount = 1.00m, currency = "USD", reasonCode = "goodwill", note = $"fault {key}" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await SendAsync(agent, request, "id");
    }

    private static async Task<(HttpStatusCode, string?)> SendAsync(HttpClient client, HttpRequestMessage request, string idProperty)
    {
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null);
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.TryGetProperty(idProperty, out var id) ? id.ToString() : null);
    }

    private static HttpClient NewClient(string url) => new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

    private async Task<HttpClient> SignInAsync(string url, string email)
    {
        var client = new HttpClient(new SignedIn(url, email)) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        (await client.GetAsync("/api/v1/cases?pageSize=1")).StatusCode.ShouldBe(HttpStatusCode.OK, _app!.Output);
        return client;
    }

    /// <summary>A client's bearer token, signed in again after a 401 (access tokens are short-lived; long runs outlast them).</summary>
    private sealed class SignedIn(string url, string email) : DelegatingHandler(new HttpClientHandler())
    {
        private string? _token;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_token is null)
            {
                using var login = NewClient(url);
                using var response = await login.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Demo.Password }, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return new HttpResponseMessage(response.StatusCode) { RequestMessage = request };
                }

                _token = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            var answer = await base.SendAsync(request, cancellationToken);
            if (answer.StatusCode == HttpStatusCode.Unauthorized)
            {
                _token = null;
            }

            return answer;
        }
    }

    private static async Task<Guid> OpenCaseForCreditsAsync(HttpClient subscriber)
    {
        var response = await subscriber.PostAsJsonAsync("/api/v1/cases", new { subject = "Credits under faults", category = "Billing", description = "Charged twice." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<ChatHandle> StartChatAsync(string url)
    {
        using var client = NewClient(url);
        var response = await client.PostAsJsonAsync("/api/v1/chats", new { guestName = "Fault Guest", guestEmail = "fault.guest@customer-mail.test", language = "en", firstMessage = "Hello" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync() + _app!.Output);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ChatHandle(body.GetProperty("chat").GetProperty("id").GetGuid(), body.GetProperty("accessToken").GetString()!);
    }

    private sealed record ChatHandle(Guid Id, string Token);

    // ---- checks ----

    private sealed class Tally(string kind)
    {
        public int Sent;
        public int Retries;
        public string Kind { get; } = kind;
        public ConcurrentDictionary<string, string?> Acked { get; } = new();
        public ConcurrentDictionary<string, bool> Keys { get; } = new();
        public ConcurrentQueue<string> GaveUp { get; } = new();
        public ConcurrentQueue<string> Refused { get; } = new();
        public int Acknowledged => Acked.Count;

        public IEnumerable<Guid> AcknowledgedIds => Acked.Values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);

        public void Acknowledge(string key, string? id) => Acked[key] = id;
    }

    /// <param name="stored">Rows per key as the database holds them (only the keys the clients sent are looked at).</param>
    private static void Check(StringBuilder report, List<string> problems, Tally tally, Dictionary<string, long> stored)
    {
        stored = stored.Where(s => tally.Keys.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value);
        var lost = tally.Acked.Keys.Where(k => !stored.ContainsKey(k)).ToList();
        var duplicates = stored.Where(s => s.Value > 1).ToList();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{tally.Kind}: sent {tally.Sent}, acknowledged {tally.Acknowledged}, stored {stored.Count}, duplicates {duplicates.Count}, lost {lost.Count} (retries {tally.Retries}, gave up {tally.GaveUp.Count}, refused {tally.Refused.Count})");
        if (lost.Count > 0)
        {
            problems.Add($"{tally.Kind}: acknowledged but not stored: {string.Join(", ", lost.Take(10))}");
        }

        if (duplicates.Count > 0)
        {
            problems.Add($"{tally.Kind}: stored more than once: {string.Join(", ", duplicates.Take(10).Select(d => $"{d.Key} ×{d.Value}"))}");
        }

        if (!tally.Refused.IsEmpty)
        {
            problems.Add($"{tally.Kind}: refused: {string.Join(", ", tally.Refused.Take(10))}");
        }

        if (!tally.GaveUp.IsEmpty)
        {
            problems.Add($"{tally.Kind}: never acknowledged within five minutes of retries: {string.Join(", ", tally.GaveUp.Take(10))}");
        }
    }

    private static async Task<Dictionary<string, long>> CountsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            if (!reader.IsDBNull(0))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return counts;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task Execute(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(500);
        }

        return await condition();
    }

    private void Log(string what) => _events.Enqueue($"{_clock.Elapsed.TotalSeconds,7:0.0}s {what}");

    /// <summary>Polls /health/ready every 250 ms and keeps the changes of its answer.</summary>
    private sealed class HealthMonitor : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock;
        private readonly StringBuilder _transitions = new();
        private readonly Task _loop;
        private volatile string _last = "";

        public HealthMonitor(string url, Stopwatch clock)
        {
            _clock = clock;
            _loop = Task.Run(async () =>
            {
                using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(8) };
                while (!_stop.IsCancellationRequested)
                {
                    string now;
                    try
                    {
                        using var response = await client.GetAsync("/health/ready", _stop.Token);
                        now = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        now = "no answer";
                    }

                    if (now != _last)
                    {
                        _last = now;
                        lock (_transitions)
                        {
                            _transitions.Append(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds:0.0}s {now}; ");
                        }
                    }

                    await Task.Delay(250, CancellationToken.None);
                }
            });
        }

        public string Transitions
        {
            get
            {
                lock (_transitions)
                {
                    return _transitions.ToString();
                }
            }
        }

        public async Task<bool> WaitForAsync(HttpStatusCode status, TimeSpan timeout)
        {
            var wanted = ((int)status).ToString(CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (_last == wanted)
                {
                    return true;
                }

                await Task.Delay(100);
            }

            return false;
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(10));
            }
            catch (AggregateException)
            {
            }

            _stop.Dispose();
        }
    }
}
