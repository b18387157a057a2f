using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// <c>incident-load --subscribers 100000</c> (issue 20): a regional outage handled end to end at scale, against the Release
/// app as a child process with its default worker settings. N subscribers are seeded (with devices and payments); a Tier 2
/// agent declares an incident affecting all of them with "notify affected subscribers" over the API, then proposes a
/// goodwill credit that the supervisor approves. The harness times declare → every notice written to the outbox and
/// approve → every ledger entry issued, while four agents keep reading their queue over the API: the same probe runs
/// first on the idle app (the baseline), then during the notices and during the credits, so the report shows what the
/// bulk work costs everyone else. Afterwards SQL checks nothing was written twice.
/// </summary>
public static class IncidentLoadCommand
{
    private const int ProbeWorkers = 4;
    private const string ProbeQueue = "Portal-Tier1";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var subscribers = int.Parse(Value("--subscribers") ?? "100000", CultureInfo.InvariantCulture);
        var baselineSeconds = double.Parse(Value("--baseline-seconds") ?? "10", CultureInfo.InvariantCulture);
        var output = Value("--out");
        var folder = Path.Combine(Path.GetTempPath(), $"helpdesk-incident-load-{Environment.ProcessId}");
        var bin = LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"))
            ?? throw new InvalidOperationException("Needs the PostgreSQL server binaries (apt-get install postgresql).");
        var cluster = new LocalPostgresCluster(bin, folder, ephemeral: true);
        AppProcess? app = null;
        var total = Stopwatch.StartNew();
        try
        {
            await cluster.StartAsync();
            await cluster.EnsureDatabaseAsync("incident_load");
            var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("incident_load")) { CommandTimeout = 0 }.ConnectionString;
            var options = (DbContextOptions<HelpDeskDbContext>)HelpDeskDbContext.Configure(new DbContextOptionsBuilder<HelpDeskDbContext>(), connectionString).Options;
            await using (var db = new HelpDeskDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            // The app adds the demo accounts; the seeder then adds the subscribers.
            app = await AppProcess.StartAsync(connectionString, CancellationToken.None);
            var seeding = Stopwatch.StartNew();
            await new Seeder(connectionString, subscribers * 5, Console.Out) { SubscriberCount = subscribers }.SeedSubscribersOnlyAsync();
            await ExecAsync(connectionString, "VACUUM ANALYZE");
            var population = (long)(await ScalarAsync(connectionString, "SELECT count(*) FROM subscribers"))!;
            var reachable = (long)(await ScalarAsync(connectionString, "SELECT count(*) FROM subscribers WHERE email NOT LIKE '%.invalid'"))!;
            Console.WriteLine($"incident-load: {subscribers:N0} subscribers seeded in {seeding.Elapsed.TotalSeconds:N0} s ({population:N0} with the demo ones)");

            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(120) };
            var agent1 = await Clients.TokenAsync(http, app.Url, "agent1@helpdesk.test", CancellationToken.None);
            var agent2 = await Clients.TokenAsync(http, app.Url, "agent2@helpdesk.test", CancellationToken.None);
            var supervisor = await Clients.TokenAsync(http, app.Url, "supervisor@helpdesk.test", CancellationToken.None);

            // Baseline: the same probe on the idle app.
            var idle = await ProbeAsync(http, app.Url, agent1, async ct => await Task.Delay(TimeSpan.FromSeconds(baselineSeconds), ct));

            // Declare, with notices to everyone affected, and wait for the outbox to hold one mail each.
            Guid incidentId = Guid.Empty;
            double declareMs = 0, noticesSeconds = 0;
            var notices = await ProbeAsync(http, app.Url, agent1, async ct =>
            {
                var watch = Stopwatch.StartNew();
                var declared = await PostAsync(http, $"{app.Url}/api/v1/incidents", agent2, new
                {
                    title = "Playback fails everywhere",
                    description = "Videos do not start on any device. We are working on it.",
                    severity = "Critical",
                    notifySubscribers = true, // no scope: everyone is affected

                }, HttpStatusCode.Created, ct);
                declareMs = watch.Elapsed.TotalMilliseconds;
                incidentId = declared.GetProperty("id").GetGuid();
                Console.WriteLine($"incident-load: declared in {declareMs:N0} ms, {declared.GetProperty("affectedSubscribers").GetInt32():N0} affected");
                await WaitForAsync(connectionString, $"SELECT status = 'Done' FROM incident_notices WHERE incident_id = '{incidentId}'", "notices",
                    $"SELECT queued || ' / ' || total FROM incident_notices WHERE incident_id = '{incidentId}'", ct);
                noticesSeconds = watch.Elapsed.TotalSeconds;
            });

            // Propose a goodwill credit (Tier 2), the supervisor approves, wait for every ledger entry.
            double creditsSeconds = 0;
            var credits = await ProbeAsync(http, app.Url, agent1, async ct =>
            {
                await PostAsync(http, $"{app.Url}/api/v1/incidents/{incidentId}/credits", agent2, new
                {
                    method = "PlanShare",
                    percent = 10m,
                    note = "Sorry for the outage.",
                }, HttpStatusCode.OK, ct);
                var watch = Stopwatch.StartNew();
                await PostAsync(http, $"{app.Url}/api/v1/incidents/{incidentId}/credits/approve", supervisor, new { }, HttpStatusCode.OK, ct);
                await WaitForAsync(connectionString, $"SELECT status = 'Done' FROM incident_credit_runs WHERE incident_id = '{incidentId}'", "credits",
                    $"SELECT issued::text FROM incident_credit_runs WHERE incident_id = '{incidentId}'", ct);
                creditsSeconds = watch.Elapsed.TotalSeconds;
            });

            // Exactly once, in SQL.
            var mails = (long)(await ScalarAsync(connectionString, $"SELECT count(*) FROM incident_recipients r JOIN incident_notices n ON n.id = r.notice_id WHERE n.incident_id = '{incidentId}'"))!;
            var mailedTwice = (long)(await ScalarAsync(connectionString, $"SELECT count(*) FROM (SELECT r.subscriber_id FROM incident_recipients r JOIN incident_notices n ON n.id = r.notice_id WHERE n.incident_id = '{incidentId}' GROUP BY r.update_id, r.subscriber_id HAVING count(*) > 1) t"))!;
            var entries = (long)(await ScalarAsync(connectionString, $"SELECT count(*) FROM credit_entries WHERE incident_id = '{incidentId}'"))!;
            var skipped = (int)(await ScalarAsync(connectionString, $"SELECT skipped FROM incident_credit_runs WHERE incident_id = '{incidentId}'"))!;
            var creditedTwice = (long)(await ScalarAsync(connectionString, $"SELECT count(*) FROM (SELECT subscriber_id FROM credit_entries WHERE incident_id = '{incidentId}' GROUP BY subscriber_id HAVING count(*) > 1) t"))!;
            var rss = app.PeakRssMb();

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"## incident-load {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — {population:N0} subscribers, {Environment.ProcessorCount} cores, load average {LoadAverage()}, total {total.Elapsed.TotalMinutes:F1} min");
            report.AppendLine();
            report.AppendLine("| step | result | while it ran: queue API probe (4 agents) | idle baseline probe | p99 ratio |");
            report.AppendLine("|---|---|---|---|---|");
            report.AppendLine(CultureInfo.InvariantCulture, $"| declare + notify | declared in {declareMs:N0} ms; {mails:N0} of {reachable:N0} reachable subscribers' notices in the outbox after {noticesSeconds:N1} s ({mails / Math.Max(0.001, noticesSeconds):N0}/s); written twice: {mailedTwice} | {notices} | {idle} | {notices.P99 / Math.Max(0.001, idle.P99):F1} |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| approve + issue credits | {entries:N0} ledger entries ({skipped:N0} of {population:N0} subscribers skipped: no plan price) after {creditsSeconds:N1} s ({entries / Math.Max(0.001, creditsSeconds):N0}/s); credited twice: {creditedTwice} | {credits} | {idle} | {credits.P99 / Math.Max(0.001, idle.P99):F1} |");
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture, $"Peak RSS of the app: {rss:F0} MB. Delivery by SMTP is not part of this run: the outbox sender's rate depends on the relay.");
            Console.WriteLine(report);
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, report.ToString());
            }

            return mails == reachable && mailedTwice == 0 && entries + skipped == population && creditedTwice == 0 ? 0 : 1;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            await cluster.StopAsync(immediate: true);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }

    /// <summary>Latencies of four agents reading their queue over the API, one request after another, for as long as <paramref name="work"/> runs.</summary>
    private static async Task<ProbeResult> ProbeAsync(HttpClient http, string url, string token, Func<CancellationToken, Task> work)
    {
        using var stop = new CancellationTokenSource();
        var latencies = new List<double>[ProbeWorkers];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var probes = Enumerable.Range(0, ProbeWorkers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/api/v1/cases?queue={ProbeQueue}");
                request.Headers.Authorization = new("Bearer", token);
                try
                {
                    using var response = await http.SendAsync(request, CancellationToken.None);
                    _ = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        try
        {
            await work(CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(probes);
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ProbeResult(all.Length / Math.Max(0.001, clock.Elapsed.TotalSeconds), Driver.Percentile(all, 0.5), Driver.Percentile(all, 0.99), failed);
    }

    private sealed record ProbeResult(double PerSecond, double P50, double P99, int Failed)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{PerSecond:N0}/s, p50 {P50:N0} / p99 {P99:N0} ms{(Failed > 0 ? $", {Failed} failed" : "")}");
    }


    private static async Task<JsonElement> PostAsync(HttpClient http, string url, string token, object body, HttpStatusCode expected, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {url}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls <paramref name="doneSql"/> every half second (at most 30 minutes), printing <paramref name="progressSql"/> every 5 s.</summary>
    private static async Task WaitForAsync(string connectionString, string doneSql, string what, string progressSql, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var printed = TimeSpan.Zero;
        while (await ScalarAsync(connectionString, doneSql) is not true)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"incident-load: {what} not done after 30 minutes ({await ScalarAsync(connectionString, progressSql)}).");
            }

            if (clock.Elapsed - printed > TimeSpan.FromSeconds(5))
            {
                printed = clock.Elapsed;
                Console.WriteLine($"incident-load: {what} {await ScalarAsync(connectionString, progressSql)} after {clock.Elapsed.TotalSeconds:N0} s");
            }

            await Task.Delay(500, ct);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecAsync(string connectionString, string sql) => await ScalarAsync(connectionString, sql);
}
