using System.Globalization;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// CPU seconds used so far by the app process and by PostgreSQL (the postmaster, its live backends and the backends it
/// has reaped), from <c>/proc</c>. On a shared, overloaded machine throughput says more about the neighbours than about
/// the code; CPU per operation does not: it is what one request costs the app and the database.
/// </summary>
public static class CpuProbe
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The app's process id (set by the harness once the app runs).</summary>
    public static int? AppPid { get; set; }

    /// <summary>The postmaster's process id.</summary>
    public static int? PostmasterPid { get; set; }

    public static (double App, double Postgres) Read()
    {
        var app = AppPid is { } a ? Seconds(a, includeReaped: false) : double.NaN;
        if (PostmasterPid is not { } pm)
        {
            return (app, double.NaN);
        }

        var pg = Seconds(pm, includeReaped: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != pm && Parent(pid) == pm)
            {
                pg += Seconds(pid, includeReaped: false);
            }
        }

        return (app, pg);
    }

    /// <summary>
    /// CPU seconds used so far by each of the app's background JIT threads (<c>.NET Tiered Com</c>: tier-1 recompilation
    /// of hot methods), by thread id. Part of <see cref="Read"/>'s app time; shown apart because it is a start-up cost that
    /// a short measurement divides by few requests, so a slower run shows more of it per request (ADR 0128). The runtime
    /// ends the thread when it has no work and starts a new one later, so the time of a measurement is
    /// <see cref="JitSecondsBetween"/> of two readings, never the difference of two sums.
    /// </summary>
    public static IReadOnlyDictionary<int, double>? AppJit()
    {
        if (AppPid is not { } pid)
        {
            return null;
        }

        var threads = new Dictionary<int, double>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal)
                        && StatFields(Path.Combine(task, "stat")) is { } f)
                    {
                        threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = Seconds(f, includeReaped: false);
                    }
                }
                catch (IOException)
                {
                    // The thread ended (the runtime starts it again when there is work).
                }
            }
        }
        catch (IOException)
        {
            return null;
        }

        return threads;
    }

    /// <summary>
    /// The JIT threads' CPU seconds between two <see cref="AppJit"/> readings: each thread alive at the end, less what it
    /// had used at the start (a thread started since counts in full). A thread that ended in between is not seen, so this
    /// is a lower bound; NaN when either reading failed.
    /// </summary>
    public static double JitSecondsBetween(IReadOnlyDictionary<int, double>? before, IReadOnlyDictionary<int, double>? after) =>
        before is null || after is null
            ? double.NaN
            : after.Sum(thread => before.TryGetValue(thread.Key, out var start) && start <= thread.Value
                ? thread.Value - start
                : thread.Value); // a new thread, or a reused id: all of its time is since the start

    /// <summary>CPU seconds used so far by this process, the harness (its load clients and in-process baselines).</summary>
    public static double Harness() => Seconds(Environment.ProcessId, includeReaped: false);

    /// <summary>The app's resident set now (<c>VmRSS</c>) and its peak so far (<c>VmHWM</c>), in MB; NaN when unknown.</summary>
    public static (double Rss, double Peak) AppMemoryMb() => AppPid is { } pid ? MemoryMb(pid) : (double.NaN, double.NaN);

    /// <summary>A process's resident set now (<c>VmRSS</c>) and its peak so far (<c>VmHWM</c>), in MB; NaN when unknown.</summary>
    public static (double Rss, double Peak) MemoryMb(int pid)
    {
        try
        {
            double rss = double.NaN, peak = double.NaN;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line) / 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kb(line) / 1024;
                }
            }

            return (rss, peak);
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN);
        }

        static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static string[]? Fields(int pid) => StatFields($"/proc/{pid}/stat");

    /// <summary>The fields after the command name of a process's or thread's <c>stat</c> file; null when it is gone.</summary>
    private static string[]? StatFields(string path)
    {
        try
        {
            // The command name (field 2) may hold spaces; the rest follows the last ')'.
            var stat = File.ReadAllText(path);
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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

    private static int Parent(int pid) => Fields(pid) is { } f ? int.Parse(f[1], CultureInfo.InvariantCulture) : -1;

    // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
    private static double Seconds(int pid, bool includeReaped) => Fields(pid) is { } f ? Seconds(f, includeReaped) : 0;

    /// <summary>User and system time of a <c>stat</c> line's fields (and of its reaped children's, if asked), in seconds.</summary>
    private static double Seconds(string[] f, bool includeReaped)
    {
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (includeReaped)
        {
            ticks += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }
}
