using System.Diagnostics;

namespace HelpDesk.Benchmarks.Load;

/// <summary>Throughput and latency of one measured run.</summary>
/// <param name="AppCpuMs">App CPU per operation (ms), from <see cref="CpuProbe"/>; NaN when unknown.</param>
/// <param name="PgCpuMs">PostgreSQL CPU per operation (ms).</param>
/// <param name="AppJitMs">Of <paramref name="AppCpuMs"/>, the app's background JIT thread's share (ms per operation).</param>
/// <param name="RanOut">An operation reported that there was nothing left to do (e.g. an empty queue) before the time was up:
/// the run stopped there, and <see cref="Seconds"/> is the time until then.</param>
public sealed record Measurement(string Name, long Ok, long Failed, double Seconds, double P50, double P95, double P99, string? FirstError,
    double AppCpuMs = double.NaN, double PgCpuMs = double.NaN, bool RanOut = false, double AppJitMs = double.NaN)
{
    public double PerSecond => Ok / Math.Max(0.001, Seconds);

    public override string ToString() =>
        $"{Name}: {PerSecond:F1}/s ok={Ok} failed={Failed} p50={P50:F1} ms p95={P95:F1} ms p99={P99:F1} ms cpu/op app={AppCpuMs:F2} ms pg={PgCpuMs:F2} ms{(double.IsNaN(AppJitMs) ? string.Empty : $" (app's background JIT thread at least {AppJitMs:F2} ms)")}{(RanOut ? $" ran out after {Seconds:F1} s" : string.Empty)}{(FirstError is null ? string.Empty : $" first error: {FirstError}")}";
}

/// <summary>
/// Bounded concurrency for a fixed time: <c>workers</c> loops each await one operation after the other until the
/// time is up; every operation's latency is recorded. An operation returns false (or throws) to count as failed, and
/// (in the overload with <c>bool?</c>) null when there is nothing left to do: that answer is not counted and every worker stops.
/// </summary>
public static class Driver
{
    // Global across runs, so warm-up and measurement never hand out the same sequence number (unique Message-IDs).
    private static long _sequence;

    /// <summary>
    /// Where to write a CPU profile of the app during each app measurement (<c>--trace DIR</c>; null: none): Linux
    /// <c>perf record -g</c> of the app process (the app then runs with <c>DOTNET_PerfMapEnabled=1</c>, so JIT-compiled
    /// methods have names). Read one with <c>perf report -i FILE --no-children --sort symbol</c>. The profile costs the app
    /// CPU, so a traced run's numbers are for the profile, not for the table.
    /// </summary>
    public static string? TraceDirectory { get; set; }

    /// <summary>
    /// The unmeasured warm-up before a measurement of <paramref name="seconds"/>: a third of it, between half a second and
    /// five. The runtime compiles hot methods again (tier 1) only once no new methods have been called for a while, so a
    /// two-second warm-up measured the JIT at work (15–30% of the app's CPU in ADR 0122's profiles); a node that has run for
    /// a minute has done that work.
    /// </summary>
    public static double WarmUpSeconds(double seconds) => Math.Min(5, Math.Max(0.5, seconds / 3));

    /// <summary>
    /// The longest an app measurement's warm-up goes on while the runtime's tier-1 compiler is still at work: twice the
    /// measurement, at most 30 s. On two busy cores that compiler gets little CPU, and five seconds after a start it was
    /// still compiling (0.6–1.3 ms of JIT per queue page, a quarter of the page's CPU, varying from run to run by more
    /// than the changes being measured; docs/benchmarks.md, "What a page renders once, and warming up until the JIT is done").
    /// </summary>
    public static double MaxWarmUpSeconds(double seconds) => Math.Max(WarmUpSeconds(seconds), Math.Min(30, 2 * seconds));

    /// <summary>The JIT threads' share of a core, over a second of load, below which the app counts as warm.</summary>
    public const double JitQuietShare = 0.02;

    public static Task<Measurement> RunAsync(string name, int workers, TimeSpan duration, Func<int, long, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken) =>
        RunAsync(name, workers, duration, async (w, n, ct) => (bool?)await operation(w, n, ct), cancellationToken);

    public static async Task<Measurement> RunAsync(string name, int workers, TimeSpan duration, Func<int, long, CancellationToken, Task<bool?>> operation, CancellationToken cancellationToken)
    {
        // A warm-up (JIT, pools, plan cache) that is not measured.
        await WarmUpAsync(name, workers, duration, operation, cancellationToken);
        using var trace = StartTrace(name, duration);
        var (appBefore, pgBefore) = CpuProbe.Read();
        var jitBefore = CpuProbe.AppJit();
        var result = await RunCoreAsync(workers, duration, operation, cancellationToken);
        if (trace is not null)
        {
            await trace.WaitForExitAsync(cancellationToken);
        }

        var (appAfter, pgAfter) = CpuProbe.Read();
        var jitAfter = CpuProbe.AppJit();
        var operations = Math.Max(1, result.Ok + result.Failed);
        var measurement = result with
        {
            Name = name, AppCpuMs = (appAfter - appBefore) * 1000 / operations, PgCpuMs = (pgAfter - pgBefore) * 1000 / operations,
            AppJitMs = name.StartsWith("baseline", StringComparison.Ordinal) ? double.NaN : CpuProbe.JitSecondsBetween(jitBefore, jitAfter) * 1000 / operations,
        };
        Console.WriteLine($"  {measurement}");
        return measurement;
    }

    /// <summary>
    /// The fixed warm-up, then, for an app measurement, a second at a time more while the app's tier-1 compiler used more
    /// than <see cref="JitQuietShare"/> of a core in the last second, up to <see cref="MaxWarmUpSeconds"/>. A baseline runs
    /// in the harness and only has the fixed warm-up. The JIT the measurement still sees is printed with it.
    /// </summary>
    private static async Task WarmUpAsync(string name, int workers, TimeSpan duration, Func<int, long, CancellationToken, Task<bool?>> operation, CancellationToken cancellationToken)
    {
        var warmedUp = WarmUpSeconds(duration.TotalSeconds);
        await RunCoreAsync(workers, TimeSpan.FromSeconds(warmedUp), operation, cancellationToken);
        if (name.StartsWith("baseline", StringComparison.Ordinal) || CpuProbe.AppPid is null)
        {
            return;
        }

        var longest = MaxWarmUpSeconds(duration.TotalSeconds);
        var extended = false;
        var before = CpuProbe.AppJit();
        while (warmedUp + 1 <= longest && !cancellationToken.IsCancellationRequested)
        {
            var window = await RunCoreAsync(workers, TimeSpan.FromSeconds(1), operation, cancellationToken);
            warmedUp += 1;
            var after = CpuProbe.AppJit();
            var jit = CpuProbe.JitSecondsBetween(before, after);
            before = after;
            if (double.IsNaN(jit) || jit < JitQuietShare || window.Ok + window.Failed == 0)
            {
                break;
            }

            extended = true;
        }

        if (extended)
        {
            Console.WriteLine($"  warm-up of {name}: {warmedUp:F0} s (the app's JIT was still compiling)");
        }
    }

    /// <summary>Starts <c>perf record</c> on the app for one measurement (not for a baseline, which runs in the harness).</summary>
    internal static Process? StartTrace(string name, TimeSpan duration)
    {
        if (TraceDirectory is not { } folder || CpuProbe.AppPid is not { } pid || name.StartsWith("baseline", StringComparison.Ordinal))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-') + ".perf");
        var info = new ProcessStartInfo("perf", ["record", "-F", "499", "-g", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", file,
            "--", "sleep", duration.TotalSeconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Process.Start(info);
        // Its console output is not wanted; drain it so the tool never blocks on a full pipe.
        _ = process?.StandardOutput.ReadToEndAsync();
        _ = process?.StandardError.ReadToEndAsync();
        Console.WriteLine($"  profiling {name} into {file}");
        return process;
    }

    private static async Task<Measurement> RunCoreAsync(int workers, TimeSpan duration, Func<int, long, CancellationToken, Task<bool?>> operation, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[workers];
        long ok = 0, failed = 0;
        string? firstError = null;
        var ranOut = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(4096);
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested && Volatile.Read(ref ranOut) == 0)
            {
                var start = Stopwatch.GetTimestamp();
                bool? success;
                try
                {
                    success = await operation(w, Interlocked.Increment(ref _sequence), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref firstError, $"{ex.GetType().Name}: {ex.Message}", null);
                    success = false;
                }

                if (success is null)
                {
                    Interlocked.Exchange(ref ranOut, 1);
                    break;
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (success.Value)
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, "operation reported failure", null);
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
        return new Measurement(string.Empty, ok, failed, seconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), firstError,
            RanOut: ranOut != 0);
    }

    /// <summary>The value at quantile <paramref name="p"/> of ascending <paramref name="sorted"/> (nearest rank); NaN when empty.</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
