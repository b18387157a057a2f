using System.Diagnostics;
using System.Text;
using HelpDesk.Testing;
using Npgsql;

namespace HelpDesk.IntegrationTests;

/// <summary>
/// The built app (<c>dotnet HelpDesk.Web.dll</c>) as a separate OS process on a test's database, for tests that kill it
/// with SIGKILL mid-transaction: no shutdown hooks and no rollback by the app, the server aborts the orphaned transaction.
/// Every process is recorded with <see cref="TestRun"/> and killed on <see cref="Dispose"/>, whatever happened in the test.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly StringBuilder _log = new();

    private AppProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>Starts the app in Production mode on <paramref name="connectionString"/> without demo data; <paramref name="settings"/> are configuration keys (<c>HelpDesk:Email:PollIntervalSeconds</c>).</summary>
    public static AppProcess Start(string connectionString, IReadOnlyDictionary<string, string> settings)
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
        start.Environment["ConnectionStrings__HelpDesk"] = connectionString;
        start.Environment["HelpDesk__SeedDemoData"] = "false";
        start.Environment["Serilog__MinimumLevel__Default"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(new Process { StartInfo = start });
        app.Process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app.Process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app.Process.Start();
        TestRun.Record(app.Process.Id, "HelpDesk app");
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        return app;
    }

    /// <summary>What the app wrote to stdout and stderr so far.</summary>
    public string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    /// <summary>SIGKILL (the whole process tree), then waits for it to be gone.</summary>
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

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }

    /// <summary>Polls <paramref name="condition"/> every 200 ms; fails with the app's output when <paramref name="app"/> exits or time runs out.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, AppProcess? app = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (app is not null && app.Process.HasExited)
            {
                throw new ShouldAssertException($"The app exited ({app.Process.ExitCode}) while waiting for {what}:\n{app.Log()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.{(app is null ? "" : "\nApp output:\n" + app.Log())}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits for a backend of this database that <paramref name="holderPid"/> blocks while it holds a granted row lock
    /// (<c>SELECT … FOR UPDATE</c>) or write lock on <paramref name="lockedTable"/>: a write transaction of the app, caught in the middle.
    /// </summary>
    public static async Task<int> WaitForBlockedWriterAsync(string connectionString, int holderPid, string lockedTable, AppProcess app, string what)
    {
        const string sql = """
            SELECT a.pid FROM pg_stat_activity a
            WHERE a.datname = current_database() AND @holder = ANY (pg_blocking_pids(a.pid)) AND a.wait_event_type = 'Lock'
              AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted AND l.mode IN ('RowShareLock', 'RowExclusiveLock')
                          AND l.relation = @table::regclass)
            LIMIT 1
            """;
        int? pid = null;
        await WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("holder", holderPid);
            command.Parameters.AddWithValue("table", lockedTable);
            pid = (int?)await command.ExecuteScalarAsync();
            return pid is not null;
        }, TimeSpan.FromSeconds(90), what, app);
        return pid!.Value;
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
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Restart tests run the built app, but {dll} does not exist (build src/HelpDesk.Web).");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
