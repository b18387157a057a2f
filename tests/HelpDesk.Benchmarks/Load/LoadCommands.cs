using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>Options of the <c>seed</c> and <c>load</c> commands.</summary>
/// <param name="ChatConnections">SignalR connections of the chat scenario: 50 in smoke mode, 2,000 from a million cases,
/// else 200 (<c>--chat-connections</c>).</param>
/// <param name="PgStats">Load <c>pg_stat_statements</c> and print the statements per operation of the email and claim scenarios
/// (<c>--pg-stats</c>).</param>
/// <param name="Keep">A folder for the harness's PostgreSQL that outlives the run (<c>--keep DIR</c>): a database seeded there
/// with the same number of cases is reused by the next run instead of seeded again; null: a throwaway cluster.</param>
public sealed record LoadOptions(int Cases, int SmallCases, double Seconds, bool Smoke, string? Output, string? Only, int ChatConnections = 200,
    bool PgStats = false, string? Keep = null)
{
    /// <summary>The scenarios <c>--only</c> can name, in the order they run.</summary>
    public static readonly string[] Scenarios = ["queue-page", "case-page", "search", "intake", "email-ingest", "claim-next", ChatScenario.Name];

    /// <summary>The options of <c>load</c> (and <c>seed</c>), each with whether a value follows it.</summary>
    private static readonly Dictionary<string, bool> Flags = new(StringComparer.Ordinal)
    {
        ["--cases"] = true, ["--small-cases"] = true, ["--seconds"] = true, ["--smoke"] = false, ["--out"] = true, ["--only"] = true,
        ["--chat-connections"] = true, ["--pg-stats"] = false, ["--keep"] = true, ["--trace"] = true, ["--app-env"] = true, ["--connection"] = true,
    };

    public const string Usage = """
        usage: load [--smoke] [--cases N] [--small-cases N] [--seconds S] [--only a,b] [--chat-connections N]
                    [--keep DIR] [--pg-stats] [--trace DIR] [--app-env KEY=VALUE]... [--out FILE]
          --smoke             10,000 cases, 2 s per scenario (what CI runs)
          --cases N           the large database (default 1,000,000); --small-cases N the growth reference (10,000)
          --seconds S         each measurement (default 20)
          --only a,b          these scenarios only: queue-page, case-page, search, intake, email-ingest, claim-next, chat
          --keep DIR          keep PostgreSQL's data in DIR and reuse a database seeded there before
          --pg-stats          the statements per operation (pg_stat_statements)
          --trace DIR         a perf profile of each app measurement
          --app-env KEY=VALUE an environment variable for the app only (repeatable)
          --out FILE          the report as Markdown
        """;

    /// <summary>
    /// What is wrong with <paramref name="args"/>, or null: an unknown option, an option without its value, a value that is
    /// not a number, an unknown scenario. A typo must not start the default run (a million cases, about fifteen minutes).
    /// </summary>
    public static string? Problem(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            if (!Flags.TryGetValue(flag, out var takesValue))
            {
                return $"unknown option \"{flag}\"";
            }

            if (!takesValue)
            {
                continue;
            }

            if (++i >= args.Length || args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return $"{flag} needs a value";
            }

            var value = args[i];
            var problem = flag switch
            {
                "--cases" or "--small-cases" or "--chat-connections"
                    when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0
                    => $"{flag} needs a positive whole number, not \"{value}\"",
                "--seconds" when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0)
                    => $"--seconds needs a positive number, not \"{value}\"",
                "--only" when value.Split(',').FirstOrDefault(o => !Scenarios.Contains(o)) is { } unknown
                    => $"unknown scenario \"{unknown}\" in --only (the scenarios: {string.Join(", ", Scenarios)})",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="scenario"/> runs (all when <c>--only</c> is not given).</summary>
    public bool Wants(string scenario) => Only is null || Only.Split(',').Contains(scenario);

    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var smoke = args.Contains("--smoke");
        var cases = int.Parse(Value("--cases") ?? (smoke ? "10000" : "1000000"), CultureInfo.InvariantCulture);
        return new LoadOptions(
            cases,
            int.Parse(Value("--small-cases") ?? (smoke ? "2000" : "10000"), CultureInfo.InvariantCulture),
            double.Parse(Value("--seconds") ?? (smoke ? "2" : "20"), CultureInfo.InvariantCulture),
            smoke,
            Value("--out"),
            Value("--only"),
            int.Parse(Value("--chat-connections") ?? (smoke ? "50" : cases >= 1_000_000 ? "2000" : "200"), CultureInfo.InvariantCulture),
            args.Contains("--pg-stats"),
            Value("--keep") is { } keep ? Path.GetFullPath(keep) : null);
    }
}

/// <summary>One scenario's line in the report.</summary>
public sealed record ScenarioResult(string Scenario, int DataSize, string Result, string Baseline, string Ratio, string Target, bool? Pass, string Note = "");

public static class LoadCommands
{
    public const string ApiKey = "perf-harness-inbound-key-0123456789";
    private const string Password = "Demo!2345";

    /// <summary>Seeds an existing, migrated database that has the demo accounts (<c>--connection</c>).</summary>
    public static async Task<int> SeedAsync(string[] args)
    {
        if (LoadOptions.Problem(args) is { } problem)
        {
            Console.Error.WriteLine($"seed: {problem}");
            return 2;
        }

        var options = LoadOptions.Parse(args);
        var connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("seed needs --connection \"Host=…;Database=…\" (a database the app has migrated and seeded with demo data).");
        await new Seeder(connection, options.Cases, Console.Out).RunAsync();
        return 0;
    }

    public static async Task<int> LoadAsync(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        if (LoadOptions.Problem(args) is { } problem)
        {
            Console.Error.WriteLine($"load: {problem}");
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        Driver.TraceDirectory = args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();
        // --app-env KEY=VALUE (repeatable): an environment variable for the app only, e.g. a runtime setting to compare; the
        // harness and its baselines keep their own.
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--app-env")
            {
                var pair = args[i + 1].Split('=', 2);
                AppProcess.ExtraEnvironment[pair[0]] = pair.Length == 2 ? pair[1] : string.Empty;
            }
        }

        try
        {
            var results = await RunAsync(LoadOptions.Parse(args), CancellationToken.None);
            return results.Count > 0 ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: RunAsync has stopped the app and PostgreSQL in its finally; end like a shell command
            // interrupted by SIGINT, not with an unhandled exception (which aborts the runtime: exit code 134).
            Console.Error.WriteLine("load: cancelled (Ctrl-C or SIGTERM); the app and PostgreSQL were stopped");
            return 130;
        }
    }

    /// <summary>
    /// The whole run: a throwaway PostgreSQL, a small and a large database, the Release app as a child process, every
    /// scenario against the app and its baseline, the report. Every process started here is stopped at the end.
    /// </summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // SIGTERM (`timeout`, a CI job's time limit, `kill`) ends the run the same way: without this the runtime exits at
        // once and the app and PostgreSQL outlive the harness.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        var folder = options.Keep ?? Path.Combine(Path.GetTempPath(), $"helpdesk-perf-{Environment.ProcessId}");
        var bin = LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"))
            ?? throw new InvalidOperationException("The load harness needs the PostgreSQL server binaries (apt-get install postgresql).");
        var cluster = new LocalPostgresCluster(bin, folder, ephemeral: true);
        AppProcess? app = null;
        var results = new List<ScenarioResult>();
        var clock = Stopwatch.StartNew();
        try
        {
            await cluster.StartAsync(cancel.Token);
            await TuneAsync(cluster, options, cancel.Token);
            CpuProbe.PostmasterPid = cluster.PostmasterPid();
            Console.WriteLine($"load: PostgreSQL on port {cluster.Port} in {folder}");

            // Small database first (growth's reference point, needed only by the queue and case pages), then the large one.
            var smallRun = new Dictionary<string, Measurement>();
            if (options.Wants("queue-page") || options.Wants("case-page"))
            {
                string small;
                (small, app) = await PrepareDatabaseAsync(cluster, $"perf_small_{options.SmallCases}", options.SmallCases, options.Keep is not null, cancel.Token);
                var client = await Clients.SignInAsync(app.Url, cancel.Token, claimAgents: 0);
                var scenarios = new Scenarios(options, client, null, small, options.SmallCases);
                smallRun["queue-page"] = await scenarios.QueueApiOnlyAsync(cancel.Token);
                smallRun["case-page"] = await scenarios.CaseApiOnlyAsync(cancel.Token);
                await app.DisposeAsync();
                app = null;
                NpgsqlConnection.ClearAllPools();
            }

            string large;
            (large, app) = await PrepareDatabaseAsync(cluster, $"perf_large_{options.Cases}", options.Cases, options.Keep is not null, cancel.Token);
            await using var baselines = await Baselines.StartAsync(large, FreePort());
            var clients = await Clients.SignInAsync(app.Url, cancel.Token);
            var run = new Scenarios(options, clients, baselines, large, options.Cases);
            results.AddRange(await run.AllAsync(smallRun, cancel.Token));
            results.Add(new ScenarioResult("memory", options.Cases, $"{app.PeakRssMb():F0} MB peak RSS (VmHWM)", "—", "—", "≤400 MB", app.PeakRssMb() <= 400));
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            NpgsqlConnection.ClearAllPools();
            try
            {
                await cluster.StopAsync(cancellationToken: CancellationToken.None);
                if (options.Keep is null)
                {
                    Directory.Delete(folder, recursive: true);
                }
                else
                {
                    Console.WriteLine($"load: PostgreSQL stopped; its data stays in {folder} for the next run with --keep");
                }
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"load: could not stop/delete the cluster in {folder}: {ex.Message}");
            }

            Console.CancelKeyPress -= onCancel;
        }

        var report = Report(results, options, clock.Elapsed);
        Console.WriteLine(report);
        if (options.Output is { } output)
        {
            await File.WriteAllTextAsync(output, report, CancellationToken.None);
        }

        return results;
    }

    private static async Task TuneAsync(LocalPostgresCluster cluster, LoadOptions options, CancellationToken ct)
    {
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await connection.OpenAsync(ct);
            string[] stats = options.PgStats ? ["shared_preload_libraries = 'pg_stat_statements'"] : [];
            foreach (var setting in new[]
                     {
                         $"shared_buffers = '{(options.Smoke ? 128 : 1024)}MB'", "work_mem = '16MB'", "maintenance_work_mem = '512MB'",
                         "max_wal_size = '8GB'", "checkpoint_timeout = '30min'", "effective_cache_size = '8GB'", "random_page_cost = 1.1",
                     }.Concat(stats))
            {
                await using var cmd = new NpgsqlCommand($"ALTER SYSTEM SET {setting}", connection);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        NpgsqlConnection.ClearAllPools();
        await cluster.StopAsync(cancellationToken: ct);
        await cluster.StartAsync(ct);
    }

    /// <summary>
    /// Creates and migrates the database, starts the app on it (its start-up adds roles, reference data and the demo
    /// accounts whose password the harness uses), then seeds it. The running app is returned for the measurements.
    /// With <paramref name="reuse"/>, a database that a finished seeding marked (<c>perf_seeded</c>) is used as it is: the
    /// earlier runs' intake, email and claims stay in it (a few thousand rows against the seeded million).
    /// </summary>
    private static async Task<(string ConnectionString, AppProcess App)> PrepareDatabaseAsync(LocalPostgresCluster cluster, string name, int cases, bool reuse,
        CancellationToken ct)
    {
        await cluster.EnsureDatabaseAsync(name, ct);
        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString(name)) { CommandTimeout = 0 }.ConnectionString;
        var options = HelpDeskDbContext.Configure(new DbContextOptionsBuilder<HelpDeskDbContext>(), connectionString).Options;
        await using (var db = new HelpDeskDbContext((DbContextOptions<HelpDeskDbContext>)options))
        {
            await db.Database.MigrateAsync(ct);
        }

        var app = await AppProcess.StartAsync(connectionString, ct);
        try
        {
            await using var data = NpgsqlDataSource.Create(connectionString);
            await using (var marked = data.CreateCommand("SELECT to_regclass('perf_seeded') IS NOT NULL AND EXISTS (SELECT 1 FROM cases LIMIT 1)"))
            {
                if (reuse && await marked.ExecuteScalarAsync(ct) is true)
                {
                    Console.WriteLine($"load: {name} was seeded by an earlier run (--keep); not seeded again");
                    return (connectionString, app);
                }
            }

            Console.WriteLine($"load: seeding {cases:N0} cases into {name}");
            await new Seeder(connectionString, cases, Console.Out).RunAsync(ct);
            await using (var mark = data.CreateCommand("CREATE TABLE IF NOT EXISTS perf_seeded (cases int NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now()); INSERT INTO perf_seeded (cases) VALUES (@cases)"))
            {
                mark.Parameters.AddWithValue("cases", cases);
                await mark.ExecuteNonQueryAsync(ct);
            }

            return (connectionString, app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Report(List<ScenarioResult> results, LoadOptions options, TimeSpan elapsed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Load run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC — {options.Cases:N0} cases (growth reference {options.SmallCases:N0}), {options.Seconds:0.#} s per measurement, {Environment.ProcessorCount} cores, total {elapsed.TotalMinutes:F1} min");
        sb.AppendLine();
        sb.AppendLine("| scenario | data size | result | baseline | ratio | target | pass |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.DataSize:N0} | {r.Result} | {r.Baseline} | {r.Ratio} | {r.Target} | {(r.Pass is null ? "—" : r.Pass.Value ? "pass" : "FAIL")} |");
        }

        var notes = results.Where(r => r.Note.Length > 0).ToList();
        if (notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var r in notes)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- {r.Scenario}: {r.Note}");
            }
        }

        return sb.ToString();
    }
}

/// <summary>The Release app as a child process on a free port, with its output in a log file.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string url, string log)
    {
        _process = process;
        Url = url;
        Log = log;
    }

    public string Url { get; }
    public string Log { get; }

    /// <summary>Environment variables given to the app (<c>--app-env KEY=VALUE</c>).</summary>
    public static Dictionary<string, string> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    public static async Task<AppProcess> StartAsync(string connectionString, CancellationToken ct)
    {
        var dll = FindAppDll();
        var port = LoadCommands.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var log = Path.Combine(Path.GetTempPath(), $"helpdesk-perf-app-{Environment.ProcessId}-{port}.log");
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{dll}\" > \"{log}\" 2>&1"])
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.Environment["ConnectionStrings__HelpDesk"] = connectionString;
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["HelpDesk__SeedDemoData"] = "true";
        info.Environment["HelpDesk__RateLimits__SignInPerMinute"] = "100000";
        // The harness signs in as the demo supervisor with a password alone (ADR 0114).
        info.Environment["HelpDesk__TwoFactor__RequiredFor__Supervisor"] = "false";
        info.Environment["HelpDesk__TwoFactor__RequiredFor__Admin"] = "false";
        info.Environment["HelpDesk__Email__InboundApiKeys__0"] = LoadCommands.ApiKey;
        info.Environment["HelpDesk__Email__InboundRequestsPerMinute"] = "10000000";
        info.Environment["HelpDesk__Email__AcknowledgementsPerSenderPerHour"] = "3";
        // The chat scenario starts every guest chat from one address.
        info.Environment["HelpDesk__RateLimits__ChatStartsPerMinute"] = "1000000";
        foreach (var (key, value) in ExtraEnvironment)
        {
            info.Environment[key] = value;
        }

        if (Driver.TraceDirectory is not null)
        {
            // perf finds the names of JIT-compiled methods in /tmp/perf-PID.map, for code it sees mapped once (no W^X double mapping).
            info.Environment["DOTNET_PerfMapEnabled"] = "1";
            info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new AppProcess(process, url, log);
        CpuProbe.AppPid = process.Id;
        Console.WriteLine($"load: app pid {process.Id} at {url}, log {log}");
        try
        {
            await WaitUntilReadyAsync(process, url, log, ct);
            return app;
        }
        catch
        {
            // Ctrl-C, a timeout or an early exit while it starts: the caller never gets the app, so it is stopped here.
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitUntilReadyAsync(Process process, string url, string log, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}; see {log}:\n{Tail(log)}");
            }

            try
            {
                if ((await http.GetAsync($"{url}/health/ready", ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"The app did not become ready; see {log}");
    }

    /// <summary>Peak resident set size of the app (VmHWM), in MB.</summary>
    public double PeakRssMb() => CpuProbe.MemoryMb(_process.Id).Peak;

    private static string FindAppDll()
    {
        var configuration = typeof(AppProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HelpDesk.sln")))
        {
            dir = dir.Parent;
        }

        var dll = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("HelpDesk.sln not found above the harness."),
            "src", "HelpDesk.Web", "bin", configuration, "net10.0", "HelpDesk.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first: dotnet build src/HelpDesk.Web -c {configuration}", dll);
    }

    private static string Tail(string log) => File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(30)) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first (the app stops its hosted services), then kill if it lingers.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term!.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}

/// <summary>Signed-in HTTP clients: an agent's cookie (pages), an agent's and a subscriber's bearer token (API), 64 agents' tokens.</summary>
public sealed partial class Clients
{
    public required HttpClient Http { get; init; }
    public required string Url { get; init; }
    public required string AgentCookie { get; init; }
    public required string AgentToken { get; init; }
    public required string SupervisorToken { get; init; }
    public required string SubscriberToken { get; init; }
    public required string[] ClaimAgentTokens { get; init; }

    /// <param name="claimAgents">How many of the 64 load agents to sign in (only claim-next needs them).</param>
    public static async Task<Clients> SignInAsync(string url, CancellationToken ct, int claimAgents = Seeder.LoadAgents)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };
        var tokens = new string[claimAgents];
        // A few at a time: each sign-in is a deliberately slow password hash.
        await Parallel.ForEachAsync(Enumerable.Range(0, claimAgents), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) => tokens[i] = await TokenAsync(http, url, $"{Seeder.LoadAgentPrefix}{i + 1}@helpdesk.test", token));

        return new Clients
        {
            Http = http,
            Url = url,
            AgentCookie = await CookieAsync(http, url, "agent1@helpdesk.test", ct),
            AgentToken = await TokenAsync(http, url, "agent1@helpdesk.test", ct),
            SupervisorToken = await TokenAsync(http, url, "supervisor@helpdesk.test", ct),
            SubscriberToken = await TokenAsync(http, url, "alice@example.com", ct),
            ClaimAgentTokens = tokens,
        };
    }

    internal static async Task<string> TokenAsync(HttpClient http, string url, string email, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"{url}/api/v1/auth/login", new { email, password = "Demo!2345" }, ct);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<string> CookieAsync(HttpClient http, string url, string email, CancellationToken ct)
    {
        using var page = await http.GetAsync($"{url}/Account/Login", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        var token = TokenField().Match(html).Groups[1].Value;
        var cookies = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = "Demo!2345", ["__RequestVerificationToken"] = token,
            }),
        };
        request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request, ct);
        var auth = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("helpdesk.auth=", StringComparison.Ordinal)) : null;
        return auth ?? throw new InvalidOperationException($"Cookie sign-in for {email} failed ({(int)response.StatusCode}).");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public HttpRequestMessage Get(string path, string? bearer = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.StartsWith("http", StringComparison.Ordinal) ? path : Url + path);
        Authorize(request, bearer, cookie);
        return request;
    }

    public HttpRequestMessage Post(string path, HttpContent? content, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.StartsWith("http", StringComparison.Ordinal) ? path : Url + path) { Content = content };
        Authorize(request, bearer, null);
        return request;
    }

    private static void Authorize(HttpRequestMessage request, string? bearer, string? cookie)
    {
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
    }

    /// <summary>Sends and reads the whole body; true for the expected status.</summary>
    public async Task<(bool Ok, string Body)> SendAsync(HttpRequestMessage request, CancellationToken ct, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (request)
        using (var response = await Http.SendAsync(request, ct))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode == expected, response.StatusCode == expected ? body : $"{(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
        }
    }
}

internal static class ConcurrentExtensions
{
    public static List<T> Snapshot<T>(this ConcurrentBag<T> bag) => [.. bag];
}
