using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>Every scenario of issue 17, each against the app and (where there is one) its raw-SQL baseline in the same run.</summary>
public sealed class Scenarios(LoadOptions options, Clients app, Baselines? baselines, string connectionString, int size)
{
    private const string BusyQueue = "Portal-Tier1";
    private TimeSpan Duration => TimeSpan.FromSeconds(options.Seconds);

    private double WarmUpSeconds => Driver.WarmUpSeconds(options.Seconds);

    private bool Wanted(string scenario) => options.Wants(scenario);

    public async Task<Measurement> QueueApiOnlyAsync(CancellationToken ct) =>
        await Driver.RunAsync($"queue-page api @{size}", 32, Duration, (_, _, t) => OkAsync(app.Get($"/api/v1/cases?queue={BusyQueue}", bearer: app.AgentToken), t), ct);

    public async Task<Measurement> CaseApiOnlyAsync(CancellationToken ct) =>
        await Driver.RunAsync($"case-page api @{size}", 32, Duration, (_, _, t) => OkAsync(app.Get($"/api/v1/cases/{Seeder.CasePageId}", bearer: app.AgentToken), t), ct);

    public async Task<List<ScenarioResult>> AllAsync(Dictionary<string, Measurement> small, CancellationToken ct)
    {
        var b = baselines!;
        var results = new List<ScenarioResult>();

        if (Wanted("queue-page"))
        {
            Console.WriteLine("scenario: queue-page");
            await ResetPgStatsAsync(ct);
            var page = await Driver.RunAsync("app /Agent/Cases", 32, Duration, (_, _, t) => OkAsync(app.Get($"/Agent/Cases?queue={BusyQueue}", cookie: app.AgentCookie), t), ct);
            await PrintPgStatsAsync("the queue page (warm-up and background work included)", page, ct);
            var pageBase = await Driver.RunAsync("baseline html", 32, Duration, (_, _, t) => OkAsync(app.Get($"{b.Url}/queue?queue={BusyQueue}&format=html"), t), ct);
            var api = await QueueApiOnlyAsync(ct);
            var apiBase = await Driver.RunAsync("baseline json", 32, Duration, (_, _, t) => OkAsync(app.Get($"{b.Url}/queue?queue={BusyQueue}"), t), ct);
            results.Add(Compare("queue-page (page)", page, pageBase, 0.8, 50));
            results.Add(Compare("queue-page (API)", api, apiBase, 0.8, 50));
            if (small.TryGetValue("queue-page", out var reference))
            {
                results.Add(Growth("growth: queue-page API p99", reference, api));
            }
        }

        if (Wanted("case-page"))
        {
            Console.WriteLine("scenario: case-page");
            await ResetPgStatsAsync(ct);
            var page = await Driver.RunAsync("app /Agent/Cases/Details", 32, Duration, (_, _, t) => OkAsync(app.Get($"/Agent/Cases/Details/{Seeder.CasePageId}", cookie: app.AgentCookie), t), ct);
            await PrintPgStatsAsync("the case page (warm-up and background work included)", page, ct);
            var pageBase = await Driver.RunAsync("baseline html", 32, Duration, (_, _, t) => OkAsync(app.Get($"{b.Url}/case/{Seeder.CasePageId}?format=html"), t), ct);
            var api = await CaseApiOnlyAsync(ct);
            var apiBase = await Driver.RunAsync("baseline json", 32, Duration, (_, _, t) => OkAsync(app.Get($"{b.Url}/case/{Seeder.CasePageId}"), t), ct);
            results.Add(Compare("case-page (page)", page, pageBase, 0.5, 50));
            results.Add(Compare("case-page (API)", api, apiBase, 0.5, 50));
            if (small.TryGetValue("case-page", out var reference))
            {
                results.Add(Growth("growth: case-page API p99", reference, api));
            }
        }

        if (Wanted("search"))
        {
            foreach (var (label, word) in new[] { ("common", Seeder.CommonWord), ("rare", Seeder.RareWord) })
            {
                Console.WriteLine($"scenario: search ({label} word \"{word}\")");
                var search = await Driver.RunAsync("app /api/v1/search", 16, Duration, (_, _, t) => OkAsync(app.Get($"/api/v1/search?q={word}", bearer: app.SupervisorToken), t), ct);
                var searchBase = await Driver.RunAsync("baseline", 16, Duration, (_, _, t) => OkAsync(app.Get($"{b.Url}/search?q={word}"), t), ct);
                var r = Compare($"search ({label}: {word})", search, searchBase, null, null);
                results.Add(r with { Target = "p95 ≤50 ms", Pass = search.Failed == 0 && search.P95 <= 50 });
            }
        }

        if (Wanted("intake"))
        {
            Console.WriteLine("scenario: intake");
            var alice = await ScalarAsync<Guid>("SELECT id FROM subscribers WHERE email = 'alice@example.com'", ct);
            await ResetPgStatsAsync(ct);
            var intake = await Driver.RunAsync("app POST /api/v1/cases", 32, Duration, (_, _, t) => OkAsync(app.Post("/api/v1/cases",
                JsonContent.Create(new { subject = "My video keeps buffering", category = "Playback", description = "Since yesterday every show stops after a few minutes." }),
                bearer: app.SubscriberToken), t, HttpStatusCode.Created), ct);
            await PrintPgStatsAsync("intake (warm-up and background work included)", intake, ct);
            var intakeBase = await Driver.RunAsync("baseline inserts", 32, Duration, (_, _, t) => OkAsync(app.Post($"{b.Url}/intake?subscriber={alice}", null), t, HttpStatusCode.Created), ct);
            var r = Compare("intake", intake, intakeBase, 0.5, null);
            results.Add(r with { Target = "≥0.5 and ≥1,000/s", Pass = r.Pass == true && intake.PerSecond >= 1000 });
        }

        if (Wanted("email-ingest"))
        {
            Console.WriteLine("scenario: email-ingest");
            results.Add(await EmailAsync(ct));
        }

        if (Wanted("claim-next"))
        {
            Console.WriteLine("scenario: claim-next");
            results.Add(await ClaimAsync(ct));
        }

        if (Wanted(ChatScenario.Name))
        {
            Console.WriteLine($"scenario: chat ({options.ChatConnections:N0} connections)");
            var chat = await ChatScenario.RunAsync(app.Url, options.ChatConnections, Duration, size, ct, options.PgStats ? connectionString : null);
            Console.WriteLine($"  {chat.Result}");
            results.Add(chat);
        }

        return results;
    }

    private async Task ResetPgStatsAsync(CancellationToken ct)
    {
        if (options.PgStats)
        {
            await PgStats.ResetAsync(connectionString, ct);
        }
    }

    private Task PrintPgStatsAsync(string label, Measurement measurement, CancellationToken ct) =>
        PrintPgStatsAsync(label, measurement.Ok + measurement.Failed, ct);

    private async Task PrintPgStatsAsync(string label, long operations, CancellationToken ct)
    {
        if (options.PgStats)
        {
            await PgStats.PrintAsync(connectionString, label, operations, ct);
        }
    }

    private async Task<ScenarioResult> ClaimAsync(CancellationToken ct)
    {
        var b = baselines!;
        // Two queues of the same size: one the app's agents claim from, one the baseline's statement claims from. Each must
        // last the warm-up and the whole measurement at the target rate (2,000/s), else the faster side runs dry and its
        // rate is no longer a rate: a quarter of the cases per side (about half of the closed Tier 1 cases), at least enough
        // for the target. Should a side still empty its queue, it stops there and its rate is its claims over its own time
        // (the report says so), so both sides are measured over the same number of waiting cases.
        var wanted = (int)Math.Max(size / 4, 2000 * (options.Seconds + WarmUpSeconds) * 1.2);
        var available = await ScalarAsync<long>("SELECT count(*) FROM cases WHERE status = 'Closed' AND tier = 'Tier1'", ct);
        var perQueue = (int)Math.Min(wanted, available / 2);
        await ExecAsync($"""
            INSERT INTO queues (name, tier, description, sort_order) VALUES ('Claim-App', 'Tier1', 'Load harness: claim-next', 90), ('Claim-Base', 'Tier1', 'Load harness: baseline', 91) ON CONFLICT DO NOTHING;
            WITH picked AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM cases WHERE status = 'Closed' AND tier = 'Tier1' LIMIT {perQueue * 2})
            UPDATE cases c SET queue = CASE WHEN p.n % 2 = 0 THEN 'Claim-App' ELSE 'Claim-Base' END, status = 'New', assignee_id = NULL,
                closed_at = NULL, resolved_at = NULL, attention_at = now() + (p.n % 1000) * interval '1 minute',
                -- Deadlines ahead, so the SLA sweeper does not escalate (and unassign) them during the run.
                response_sla = 'Ok', resolution_sla = 'Ok', sla_paused_at = NULL,
                response_warn_at = now() + interval '2 days', response_due_at = now() + interval '3 days',
                resolution_warn_at = now() + interval '4 days', resolution_due_at = now() + interval '5 days', follow_up_due_at = NULL
            FROM picked p WHERE c.id = p.id;
            """, ct);
        // The setup rewrote up to half a million rows: every index holds a dead version of each. Vacuumed here, outside the
        // measurements, so that autovacuum does not clean them up during one of them (its CPU counted as PostgreSQL's per
        // claim) and each claim's index inserts do not first clear the setup's dead entries from the pages they land on —
        // a busy queue's steady state, where autovacuum has kept up with the claims before it.
        await ExecAsync("VACUUM (ANALYZE) cases", ct);
        var agents = new Guid[Seeder.LoadAgents];
        for (var i = 0; i < agents.Length; i++)
        {
            agents[i] = await ScalarAsync<Guid>($"SELECT id FROM agents WHERE email = '{Seeder.LoadAgentPrefix}{i + 1}@helpdesk.test'", ct);
        }

        await ResetPgStatsAsync(ct);

        var claims = new ConcurrentBag<(Guid Case, int Agent)>();
        var claim = await Driver.RunAsync("app claim-next (64 agents)", 64, Duration, async (w, _, t) =>
        {
            var (ok, body) = await app.SendAsync(app.Post("/api/v1/queues/Claim-App/claim-next", null, bearer: app.ClaimAgentTokens[w]), t);
            if (!ok)
            {
                return false;
            }

            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.GetProperty("claimed").GetBoolean())
            {
                return (bool?)null; // the queue is empty (the load agents' capacity is a million)
            }

            claims.Add((json.RootElement.GetProperty("case").GetProperty("id").GetGuid(), w));
            return true;
        }, ct);
        await PrintPgStatsAsync("claim-next (warm-up included)", claims.Count, ct);

        var claimBase = await Driver.RunAsync("baseline claim statement", 64, Duration, async (w, _, t) =>
        {
            var (ok, body) = await app.SendAsync(app.Post($"{b.Url}/claim?queue=Claim-Base&agent={agents[w]}", null), t);
            return !ok ? false : body.Contains("\"claimed\":true", StringComparison.Ordinal) ? true : (bool?)null;
        }, ct);

        // Zero double assignments: no case handed out twice, and each is assigned in the database to the agent who got it.
        var all = claims.Snapshot();
        var duplicates = all.Count - all.Select(c => c.Case).Distinct().Count();
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var cmd = data.CreateCommand("""
            SELECT count(*) FROM unnest(@cases, @agents) AS x(case_id, agent_id) JOIN cases c ON c.id = x.case_id WHERE c.assignee_id IS DISTINCT FROM x.agent_id
            """);
        cmd.Parameters.AddWithValue("cases", all.Select(c => c.Case).ToArray());
        cmd.Parameters.AddWithValue("agents", all.Select(c => agents[c.Agent]).ToArray());
        var mismatched = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        var r = Compare("claim-next (64 agents)", claim, claimBase, null, null);
        return r with
        {
            Result = $"{r.Result}; {all.Count:N0} claims, {duplicates} handed out twice, {mismatched} assigned to someone else",
            Target = "≥2,000/s, zero double assignments",
            Pass = claim.PerSecond >= 2000 && duplicates == 0 && mismatched == 0 && all.Count > 0,
            Note = $"queue of {perQueue:N0} waiting cases per side{RanOut("app", claim)}{RanOut("baseline", claimBase)}",
        };
    }

    private async Task<ScenarioResult> EmailAsync(CancellationToken ct)
    {
        var threads = new List<(string Address, long Number)>();
        await using (var data = NpgsqlDataSource.Create(connectionString))
        await using (var cmd = data.CreateCommand("SELECT s.email, c.number FROM case_participants p JOIN cases c ON c.id = p.case_id JOIN subscribers s ON s.id = c.subscriber_id LIMIT 2000"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                threads.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var subscribers = Math.Max(50, size / 5);
        await ResetPgStatsAsync(ct);

        var ingest = await Driver.RunAsync("app raw MIME posts (8 clients)", 8, Duration, async (w, n, t) =>
        {
            // Every other message is a reply to an email case ([HD-…] in the subject, from its owner); the rest open new cases.
            string from, subject;
            if (n % 2 == 0 && threads.Count > 0)
            {
                var (address, number) = threads[(int)(n % threads.Count)];
                from = address;
                subject = $"Re: [HD-{number:D6}] Video keeps buffering";
            }
            else
            {
                from = $"load{n % subscribers}@subscribers.test";
                subject = "Playback stops on my TV";
            }

            var mime = $"""
                From: Load Tester <{from}>
                To: support@helpdesk.local
                Subject: {subject}
                Date: {DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)}
                Message-ID: <perf-{run}-{n}@mail.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                Hello, the video keeps buffering on the living-room TV since the update. I restarted the router.
                --b1
                Content-Type: text/html; charset=utf-8

                <html><body><p>Hello, the <b>video keeps buffering</b> on the living-room TV since the update.</p><p>I restarted the router.</p><img src="https://tracker.example/p.gif"></body></html>
                --b1--
                """.Replace("\n", "\r\n", StringComparison.Ordinal);
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mime));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
            var request = app.Post("/api/v1/channels/email/inbound", content);
            request.Headers.Add("X-Api-Key", LoadCommands.ApiKey);
            var (ok, _) = await app.SendAsync(request, t, HttpStatusCode.Accepted);
            return ok;
        }, ct);
        // What the messages did: the replies must have joined their cases, or the scenario measures only new cases.
        var outcomes = new List<string>();
        long stored = 0;
        await using (var data = NpgsqlDataSource.Create(connectionString))
        await using (var cmd = data.CreateCommand($"SELECT outcome::text, count(*) FROM inbound_emails WHERE message_id LIKE 'perf-{run}-%' GROUP BY 1 ORDER BY 1"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored += reader.GetInt64(1);
                outcomes.Add($"{reader.GetInt64(1):N0} {reader.GetString(0)}");
            }
        }

        Console.WriteLine($"  {threads.Count:N0} reply targets; stored (warm-up included): {string.Join(", ", outcomes)}");
        await PrintPgStatsAsync("email-ingest (warm-up included)", stored, ct);

        return new ScenarioResult("email-ingest (8 clients)", size, $"{ingest.PerSecond:N0} msg/s, p50 {ingest.P50:F0} / p95 {ingest.P95:F0} / p99 {ingest.P99:F0} ms{Cpu(ingest)}{Failures(ingest)}", "—", "—", "≥300 msg/s",
            ingest.Failed == 0 && ingest.PerSecond >= 300, $"half new messages, half replies threaded by [HD-…] from the case's owner; outcomes (warm-up included): {string.Join(", ", outcomes)}");
    }

    private ScenarioResult Compare(string scenario, Measurement app, Measurement baseline, double? minRatio, double? maxP99)
    {
        var ratio = app.PerSecond / Math.Max(0.001, baseline.PerSecond);
        var targets = new List<string>();
        var pass = app.Failed == 0 && app.Ok > 0;
        if (minRatio is { } r)
        {
            targets.Add($"≥{r:0.0#}");
            pass &= ratio >= r;
        }

        if (maxP99 is { } p)
        {
            targets.Add($"p99 ≤{p:0} ms");
            pass &= app.P99 <= p;
        }

        return new ScenarioResult(scenario, size, Describe(app), Describe(baseline), ratio.ToString("0.00", CultureInfo.InvariantCulture),
            targets.Count == 0 ? "—" : string.Join(", ", targets), targets.Count == 0 ? null : pass);
    }

    private ScenarioResult Growth(string scenario, Measurement small, Measurement large)
    {
        var ratio = large.P99 / Math.Max(0.001, small.P99);
        return new ScenarioResult(scenario, size, $"p99 {large.P99:F0} ms at {size:N0}", $"p99 {small.P99:F0} ms at {options.SmallCases:N0}",
            ratio.ToString("0.00", CultureInfo.InvariantCulture), "≤1.5", ratio <= 1.5);
    }

    private static string Describe(Measurement m) =>
        $"{m.PerSecond:N0}/s, p50 {m.P50:F0} / p95 {m.P95:F0} / p99 {m.P99:F0} ms{Cpu(m)}{Failures(m)}";

    // CPU per operation: the app's (not for baselines, which run in the harness) and PostgreSQL's.
    private static string Cpu(Measurement m) => double.IsNaN(m.PgCpuMs)
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $"; CPU/op {(m.Name.StartsWith("baseline", StringComparison.Ordinal) ? string.Empty : $"app {m.AppCpuMs:F2} + ")}pg {m.PgCpuMs:F2} ms");

    private static string RanOut(string side, Measurement m) =>
        m.RanOut ? string.Create(CultureInfo.InvariantCulture, $"; the {side}'s queue ran out after {m.Seconds:F1} s (its rate is over that time)") : string.Empty;

    private static string Failures(Measurement m) => m.Failed == 0 ? string.Empty : $", {m.Failed} failed ({m.FirstError})";

    private async Task<bool> OkAsync(HttpRequestMessage request, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (ok, body) = await app.SendAsync(request, ct, expected);
        return ok ? true : throw new InvalidOperationException(body);
    }

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var cmd = data.CreateCommand(sql);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private async Task ExecAsync(string sql, CancellationToken ct)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var cmd = data.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
