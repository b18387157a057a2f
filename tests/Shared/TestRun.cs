using System.Globalization;

namespace HelpDesk.Testing;

/// <summary>
/// The servers this test process starts, recorded for the run that started it. test.sh gives every test process
/// its run folder as <c>HELPDESK_TEST_RUN_DIR</c>; a fixture that starts a long-lived process (a PostgreSQL
/// postmaster, redis-server, dovecot, the app) records it in <c>&lt;run&gt;/processes/&lt;pid&gt;</c> with its start
/// time (so a PID the kernel later reuses is never taken for it) and the temp folder to delete. Fixtures stop their
/// own processes and forget them; <c>tests/stop-test-run.sh</c> stops what a crash or hang left behind — never
/// another run's processes. Outside test.sh (no run folder) nothing is recorded.
/// </summary>
public static class TestRun
{
    public const string DirectoryVariable = "HELPDESK_TEST_RUN_DIR";

    public static string? Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir && System.IO.Directory.Exists(dir) ? dir : null;

    /// <summary>Records <paramref name="pid"/> as started by this run; <paramref name="folder"/> is deleted after it is stopped.</summary>
    public static void Record(int pid, string what, string? folder = null)
    {
        if (Directory is not { } run || StartTime(pid) is not { } start)
        {
            return;
        }

        try
        {
            var processes = Path.Combine(run, "processes");
            System.IO.Directory.CreateDirectory(processes);
            var lines = new List<string>
            {
                $"pid={pid.ToString(CultureInfo.InvariantCulture)}",
                $"start={start}",
                $"what={what.ReplaceLineEndings(" ")}",
                $"by={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            };
            if (folder is not null)
            {
                lines.Add($"dir={Path.GetFullPath(folder)}");
            }

            File.WriteAllLines(Path.Combine(processes, pid.ToString(CultureInfo.InvariantCulture)), lines);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"[tests] Could not record process {pid} in {run}: {ex.Message}");
        }
    }

    /// <summary>The fixture stopped <paramref name="pid"/> itself: nothing left for the run to clean up.</summary>
    public static void Forget(int pid)
    {
        if (Directory is { } run)
        {
            File.Delete(Path.Combine(run, "processes", pid.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks after boot); null when the process is gone or there is no /proc.</summary>
    public static string? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // After "pid (comm) " the fields start at 3; the command name may hold spaces and parentheses.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
