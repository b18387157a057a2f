using System.Diagnostics;
using System.Globalization;
using HelpDesk.Testing;

namespace HelpDesk.IntegrationTests.TestRuns;

/// <summary>
/// Issue 14, item 6: <c>tests/stop-test-run.sh</c> (what test.sh runs at its end) stops exactly the processes of its
/// own run — whether they kept the run's marker, sit in one of its sessions or were recorded by a fixture — and leaves
/// a second run's processes running, although they look the same (the old clean-up stopped every
/// <c>postgres.*helpdesk-test-pg</c>, headless Chromium and dovecot on the machine by name).
/// </summary>
public sealed class StopTestRunTests : IDisposable
{
    private readonly List<Process> _started = [];
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Stopping_one_run_stops_all_of_its_processes_and_none_of_a_concurrent_runs()
    {
        var runA = NewRunFolder();
        var runB = NewRunFolder();

        // What each run leaves behind after a crash, in the three ways the script recognises it.
        var markedA = StartLookAlike("postgres -D /tmp/helpdesk-test-pg-1234-run-a/data", marker: runA);
        var markedB = StartLookAlike("postgres -D /tmp/helpdesk-test-pg-5678-run-b/data", marker: runB);
        // Detached into a session of its own and its environment gone, like a postmaster or redis-server: only the record says whose it is.
        var recordedA = StartLookAlike("redis-server 127.0.0.1:6390", marker: null, newSession: true);
        var recordedB = StartLookAlike("redis-server 127.0.0.1:6391", marker: null, newSession: true);
        Record(runA, recordedA, "redis-server");
        Record(runB, recordedB, "redis-server");
        // A PID run A recorded long ago that now belongs to run B's process: the start time no longer matches.
        await File.WriteAllTextAsync(Path.Combine(runA, "processes", Pid(markedB)), $"pid={Pid(markedB)}\nstart=1\nwhat=reused pid\n");
        // In run A's session (dotnet test's), environment cleared and not recorded, like dovecot's children.
        var inSessionA = StartLookAlike("dovecot -F -c /tmp/helpdesk-dovecot-a/dovecot.conf", marker: null, newSession: true);
        await File.WriteAllTextAsync(Path.Combine(runA, "sessions"), Pid(inSessionA) + "\n");
        // Someone else's headless Chromium and dovecot, in no run at all.
        var foreignBrowser = StartLookAlike("chromium --headless --no-sandbox", marker: null);
        var foreignDovecot = StartLookAlike("dovecot -F -c /tmp/helpdesk-dovecot-other/dovecot.conf", marker: null);
        // The folder run A's record names is deleted with it; run B's stays.
        var clusterA = Directory.CreateDirectory(Path.Combine(runA, "helpdesk-test-pg-a")).FullName;
        Record(runA, inSessionA, "dovecot", clusterA);

        var (code, output) = await StopRunAsync(runA);

        code.ShouldBe(0, output);
        foreach (var process in new[] { markedA, recordedA, inSessionA })
        {
            process.WaitForExit(15_000).ShouldBeTrue($"run A's process {process.Id} must be stopped:\n{output}");
        }

        foreach (var process in new[] { markedB, recordedB, foreignBrowser, foreignDovecot })
        {
            process.HasExited.ShouldBeFalse($"process {process.Id} is not run A's and must keep running:\n{output}");
        }

        Directory.Exists(clusterA).ShouldBeFalse("run A's recorded temp folder is deleted");

        (code, output) = await StopRunAsync(runB);

        code.ShouldBe(0, output);
        markedB.WaitForExit(15_000).ShouldBeTrue(output);
        recordedB.WaitForExit(15_000).ShouldBeTrue(output);
        foreignBrowser.HasExited.ShouldBeFalse(output);
        foreignDovecot.HasExited.ShouldBeFalse(output);
    }

    [Fact]
    public void A_recorded_process_carries_its_start_time_so_a_reused_pid_is_never_taken_for_it()
    {
        TestRun.StartTime(Environment.ProcessId).ShouldNotBeNullOrWhiteSpace();
        long.Parse(TestRun.StartTime(Environment.ProcessId)!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        TestRun.StartTime(int.MaxValue).ShouldBeNull();
    }

    private string NewRunFolder()
    {
        var folder = Directory.CreateTempSubdirectory("helpdesk-test-run-check-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "processes"));
        _folders.Add(folder);
        return folder;
    }

    /// <summary>A <c>sleep</c> whose command line looks like <paramref name="looksLike"/> (what a by-name clean-up matched).</summary>
    private Process StartLookAlike(string looksLike, string? marker, bool newSession = false)
    {
        var info = new ProcessStartInfo(newSession ? "setsid" : "bash") { UseShellExecute = false };
        if (newSession)
        {
            info.ArgumentList.Add("bash");
        }

        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec -a \"$0\" sleep 600");
        info.ArgumentList.Add(looksLike);
        info.Environment.Remove(TestRun.DirectoryVariable);
        if (marker is not null)
        {
            info.Environment[TestRun.DirectoryVariable] = marker;
        }

        var process = Process.Start(info)!;
        _started.Add(process);
        // Until bash has exec'd sleep its command line is still bash's.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.ReadAllText($"/proc/{process.Id}/cmdline").StartsWith(looksLike.Split(' ')[0], StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return process;
    }

    private static void Record(string run, Process process, string what, string? folder = null) =>
        File.WriteAllText(Path.Combine(run, "processes", Pid(process)),
            $"pid={Pid(process)}\nstart={TestRun.StartTime(process.Id)}\nwhat={what}\n" + (folder is null ? "" : $"dir={folder}\n"));

    private static string Pid(Process process) => process.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<(int Code, string Output)> StopRunAsync(string run)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "stop-test-run.sh"));
        info.ArgumentList.Add(run);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HelpDesk.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("HelpDesk.sln not found above " + AppContext.BaseDirectory);
    }
}
