using System.Diagnostics;
using System.Net;
using System.Text;
using Npgsql;
using Shouldly;

namespace HelpDesk.Testing;

/// <summary>
/// The built app (<c>dotnet HelpDesk.Web.dll</c>) as a separate OS process, the way <c>dotnet run</c> starts it: for
/// tests of start-up, shutdown and of being killed mid-transaction (SIGKILL: no shutdown hooks and no rollback by the
/// app; the server aborts the orphaned transaction). Every process is recorded with <see cref="TestRun"/> and stopped
/// on dispose, whatever happened in the test.
/// </summary>
public sealed class AppProcess : IDisposable, IAsyncDisposable
{
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string url)
    {
        Process = process;
        Url = url;
    }

    public Process Process { get; }

    /// <summary>For <see cref="WaitForBlockedWriterAsync"/>: wait for a granted advisory lock rather than a lock on a table.</summary>
    public const string AdvisoryLock = "(advisory)";

    /// <summary>Where the app listens (<c>http://127.0.0.1:port</c>).</summary>
    public string Url { get; }

    public int Port => new Uri(Url).Port;

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ExitCode => Process.HasExited ? Process.ExitCode : null;

    /// <summary>
    /// Starts the app with <paramref name="environment"/> (configuration keys as <c>HelpDesk:Email:PollIntervalSeconds</c>
    /// or <c>HelpDesk__Email__PollIntervalSeconds</c>). Without a connection string it runs on its embedded default.
    /// </summary>
    /// <param name="port">The port to listen on (the same one again for a restart); a free one when null.</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        var dll = WebAppDll();
        var url = $"http://127.0.0.1:{port ?? TestPorts.Free()}";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ConnectionStrings__HelpDesk"] = string.Empty;
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(new Process { StartInfo = start }, url);
        app.Process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.Process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.Process.Start();
        TestRun.Record(app.Process.Id, "HelpDesk app");
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Starts the app in Production mode on <paramref name="connectionString"/> without demo data.</summary>
    public static AppProcess StartOn(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__HelpDesk"] = connectionString,
            ["HelpDesk__SeedDemoData"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Start(environment);
    }

    /// <summary>Waits until /health/ready answers 200, or the process exits, or the time is up.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !Process.HasExited)
        {
            try
            {
                if ((await client.GetAsync($"{Url}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }

    /// <summary>Kills the app as <c>kill -9</c> would (the whole process tree): no shutdown code runs.</summary>
    public void Kill()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }

            TestRun.Forget(Process.Id);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    /// <inheritdoc cref="Kill"/>
    public async Task KillAsync()
    {
        Kill();
        await Process.WaitForExitAsync();
    }

    /// <summary>Asks the app to stop as Ctrl+C would (SIGTERM), then waits up to a minute for it.</summary>
    public async Task StopAsync()
    {
        if (Process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Kills what is left (no graceful stop: for tests that kill the app anyway).</summary>
    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    /// <summary>Stops the app gracefully, then kills whatever did not stop.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms; fails with the app's output when <paramref name="app"/> exits or time runs out.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, AppProcess? app = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (app is not null && app.Process.HasExited)
            {
                throw new ShouldAssertException($"The app exited ({app.Process.ExitCode}) while waiting for {what}:\n{app.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.{(app is null ? "" : "\nApp output:\n" + app.Output)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits for a backend of this database that <paramref name="holderPid"/> blocks while it holds a granted row lock
    /// (<c>SELECT … FOR UPDATE</c>) or write lock on <paramref name="lockedTable"/>, or with <see cref="AdvisoryLock"/> a
    /// granted advisory lock (a claim such as an inbound Message-ID's): a write transaction of the app, caught in the middle.
    /// </summary>
    public static async Task<int> WaitForBlockedWriterAsync(string connectionString, int holderPid, string lockedTable, AppProcess app, string what)
    {
        var sql = $"""
            SELECT a.pid FROM pg_stat_activity a
            WHERE a.datname = current_database() AND @holder = ANY (pg_blocking_pids(a.pid)) AND a.wait_event_type = 'Lock'
              AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                          AND {(lockedTable == AdvisoryLock ? "l.locktype = 'advisory'" : "l.mode IN ('RowShareLock', 'RowExclusiveLock') AND l.relation = @table::regclass")})
            LIMIT 1
            """;
        int? pid = null;
        await WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("holder", holderPid);
            if (lockedTable != AdvisoryLock)
            {
                command.Parameters.AddWithValue("table", lockedTable);
            }

            pid = (int?)await command.ExecuteScalarAsync();
            return pid is not null;
        }, TimeSpan.FromSeconds(90), what, app);
        return pid!.Value;
    }

    /// <summary>
    /// The built app: src/HelpDesk.Web/bin/&lt;configuration&gt;/&lt;framework&gt;/HelpDesk.Web.dll, with the configuration
    /// and framework of the calling assembly (<paramref name="configuration"/> overrides the first: the load harness runs Release).
    /// </summary>
    public static string WebAppDll(string? configuration = null)
    {
        var binary = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = binary.Name;
        configuration ??= binary.Parent!.Name;
        var root = binary;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "HelpDesk.sln")))
        {
            root = root.Parent;
        }

        var dll = root is null ? "" : Path.Combine(root.FullName, "src", "HelpDesk.Web", "bin", configuration, framework, "HelpDesk.Web.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"This runs the built app, but {dll} does not exist (dotnet build src/HelpDesk.Web -c {configuration}).");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
