using System.Diagnostics;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// Keeps the load harness (tests/HelpDesk.Benchmarks, docs/benchmarks.md) from rotting: its smoke mode seeds 2,000 and
/// 10,000 cases into a throwaway PostgreSQL, starts the app as a child process and runs every scenario for a second or
/// two. Asserts that it completes and reports every scenario, and the correctness checks of the run (claim-next never
/// hands a case out twice, every chat message is delivered) — never a timing.
/// </summary>
public sealed class LoadHarnessSmokeTests
{
    private static readonly string[] Scenarios =
    [
        "| queue-page (page) |", "| queue-page (API) |", "| growth: queue-page API p99 |", "| case-page (page) |", "| case-page (API) |",
        "| growth: case-page API p99 |", "| search (common: buffering) |", "| search (rare: zeppelin) |", "| intake |",
        "| email-ingest (8 clients) |", "| claim-next (64 agents) |", "| chat (50 connections) |", "| memory |",
    ];

    [Fact]
    public async Task Smoke_run_of_the_load_harness_completes_and_reports_every_scenario()
    {
        var harness = HarnessDll();
        File.Exists(harness).ShouldBeTrue($"The harness is built with this project: {harness}");
        var report = Path.Combine(Path.GetTempPath(), $"helpdesk-load-smoke-{Guid.NewGuid():N}.md");
        var (exitCode, log) = await RunHarnessAsync(["load", "--smoke", "--seconds", "1", "--out", report], TimeSpan.FromMinutes(20));
        exitCode.ShouldBe(0, log[^Math.Min(4000, log.Length)..]);
        var text = await File.ReadAllTextAsync(report);
        File.Delete(report);
        foreach (var scenario in Scenarios)
        {
            text.ShouldContain(scenario, customMessage: text);
        }

        text.ShouldContain(" 0 handed out twice, 0 assigned to someone else");
        text.Split('\n').Single(l => l.StartsWith("| email-ingest", StringComparison.Ordinal)).ShouldNotContain("failed");
        // Every chat message sent is pushed back to its chat (none lost, none refused).
        var chat = text.Split('\n').Single(l => l.StartsWith("| chat", StringComparison.Ordinal));
        chat.ShouldContain(" 0 not delivered");
        chat.ShouldNotContain("sends failed");
    }

    /// <summary>
    /// A typo must not start the default run (a million cases, about fifteen minutes): the harness refuses what it does not
    /// know before it starts anything, and <c>--help</c> prints its options.
    /// </summary>
    [Theory]
    [InlineData(new[] { "load", "--chat-conections", "500" }, 2, "unknown option \"--chat-conections\"")]
    [InlineData(new[] { "load", "--only", "queue-page,cases" }, 2, "unknown scenario \"cases\" in --only")]
    [InlineData(new[] { "load", "--cases", "1e6" }, 2, "--cases needs a positive whole number, not \"1e6\"")]
    [InlineData(new[] { "load", "--seconds", "0" }, 2, "--seconds needs a positive number")]
    [InlineData(new[] { "load", "--keep" }, 2, "--keep needs a value")]
    [InlineData(new[] { "seed", "--cases", "10000", "--conection", "Host=x" }, 2, "unknown option \"--conection\"")]
    [InlineData(new[] { "load", "--help" }, 0, "--only a,b          these scenarios only")]
    public async Task Harness_refuses_an_unknown_option_before_starting_anything(string[] args, int exitCode, string message)
    {
        var (exited, log) = await RunHarnessAsync(args, TimeSpan.FromSeconds(60));

        exited.ShouldBe(exitCode, log);
        log.ShouldContain(message, Case.Sensitive, log);
        log.ShouldNotContain("load: PostgreSQL on port");
    }

    /// <summary>
    /// Stopping the harness (SIGTERM; Ctrl-C takes the same path) while the app is still starting stops the app and
    /// PostgreSQL too. The app is told to listen on another port, so the harness is waiting for it to become ready when
    /// the signal arrives (the harness alone gets it, not a whole process group). The harness used to return from that
    /// wait without the app, which then outlived it; and on SIGTERM the runtime exited at once, leaving both running.
    /// </summary>
    [Fact]
    public async Task Stopping_the_harness_while_the_app_starts_stops_the_app()
    {
        var elsewhere = $"http://127.0.0.1:{TestPorts.Free()}";
        var info = new ProcessStartInfo("dotnet", [HarnessDll(), "load", "--smoke", "--only", "intake", "--app-env", $"ASPNETCORE_URLS={elsewhere}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var output = new System.Text.StringBuilder();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var harness = new Process { StartInfo = info };
        harness.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is { } line && System.Text.RegularExpressions.Regex.Match(line, @"^load: app pid (\d+) ") is { Success: true } match)
            {
                started.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        harness.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        harness.Start();
        harness.BeginOutputReadLine();
        harness.BeginErrorReadLine();
        int? appPid = null;
        string Log()
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        try
        {
            (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromMinutes(5)))).ShouldBe(started.Task, $"The harness did not start the app: {Log()}");
            appPid = await started.Task;
            // The app is up (its log says it listens) but never ready at the address the harness polls.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Running(appPid.Value).ShouldBeTrue($"The app (pid {appPid}) should still be running while the harness waits for it: {State(appPid.Value)}\n{Log()}");

            // SIGTERM, as `timeout` or a CI time limit sends it. (Not SIGINT: a job a script starts with `&`, as test.sh
            // starts the test runs, inherits SIGINT ignored, and so does the harness under it.)
            using (var interrupt = Process.Start("kill", ["-s", "TERM", harness.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await interrupt.WaitForExitAsync();
            }

            // Stopping the app (up to 15 s before it is killed) and PostgreSQL (a shutdown checkpoint, up to 30 s) takes
            // longer on a machine busy with the rest of the suite.
            var exited = harness.WaitForExitAsync();
            (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMinutes(3)))).ShouldBeSameAs(exited,
                $"The harness did not end within 3 minutes of SIGTERM: {Log()}");
            harness.WaitForExit(); // the last lines of its output
            var log = Log();
            harness.ExitCode.ShouldBe(130, log);
            log.ShouldContain("load: cancelled (Ctrl-C or SIGTERM)");
            Running(appPid.Value).ShouldBeFalse($"The app (pid {appPid}) outlived the harness: {log}");
        }
        finally
        {
            // Whatever this test started and is still there is stopped (by its own pid, never by name); PostgreSQL is not
            // in the harness's process tree, so its cluster is stopped by its folder, named in the harness's output.
            if (!harness.HasExited)
            {
                harness.Kill(entireProcessTree: true);
                await harness.WaitForExitAsync();
                if (System.Text.RegularExpressions.Regex.Match(Log(), @"load: PostgreSQL on port \d+ in (\S+)") is { Success: true } cluster)
                {
                    await StopClusterAsync(cluster.Groups[1].Value);
                }
            }

            if (appPid is { } pid && Running(pid))
            {
                Process.GetProcessById(pid).Kill();
            }
        }

        static string State(int pid) =>
            File.Exists($"/proc/{pid}/status") ? File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal)) ?? "no state" : "no such process";

        // A child the harness has not reaped yet is a zombie ("State: Z"): not running.
        static bool Running(int pid) => State(pid) is var state && state.StartsWith("State:", StringComparison.Ordinal) && !state.Contains('Z', StringComparison.Ordinal);
    }

    private static async Task StopClusterAsync(string folder)
    {
        var bin = HelpDesk.Infrastructure.Postgres.LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"));
        if (bin is not null)
        {
            await new HelpDesk.Infrastructure.Postgres.LocalPostgresCluster(bin, folder, ephemeral: true).StopAsync(immediate: true);
        }
    }

    /// <summary>
    /// Runs the harness with <paramref name="args"/> until it exits; past <paramref name="timeout"/> it is stopped and the
    /// test fails. SIGTERM first, so that it stops the app and the PostgreSQL it started (PostgreSQL is not in its process
    /// tree; SIGINT would do the same, but test.sh's background test runs inherit it ignored); only if that does not end
    /// it within a minute, what is left of its tree is killed.
    /// </summary>
    private static async Task<(int ExitCode, string Log)> RunHarnessAsync(string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet", [HarnessDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var running = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(running.Token);
        }
        catch (OperationCanceledException)
        {
            using (var interrupt = Process.Start("kill", ["-s", "TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            try
            {
                await process.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            throw new TimeoutException($"The harness ran longer than {timeout} ({string.Join(' ', args)}): {await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    private static string HarnessDll()
    {
        var configuration = typeof(LoadHarnessSmokeTests).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HelpDesk.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "tests", "HelpDesk.Benchmarks", "bin", configuration, "net10.0", "HelpDesk.Benchmarks.dll");
    }
}
