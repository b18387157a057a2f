using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// Live chat (issue 17): <c>connections</c> guest SignalR connections each start a chat and then send one message per
/// second for the measured time. Delivery latency is from invoking <c>SendMessage</c> until the hub pushes that message
/// (matched by its client message id) back to the chat's group, which holds the sender's connection: the command
/// committed and the push went out. The virtual assistant answers each message, as it does for a real guest.
/// Where the time goes: CPU per message of the app, of PostgreSQL and of the harness itself (its 2,000 SignalR clients run
/// on the same cores), and the app's resident memory before the connections, with them connected and at its peak during
/// the scenario (sampled every 100 ms; the memory line of the report is the peak over the whole run).
/// </summary>
public static class ChatScenario
{
    public const string Name = "chat";

    /// <param name="pgStats">With <c>--pg-stats</c>, the database whose statements during the measurement are printed per message.</param>
    public static async Task<ScenarioResult> RunAsync(string appUrl, int connections, TimeSpan duration, int size, CancellationToken ct, string? pgStats = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var hubs = new HubConnection[connections];
        var chats = new Guid[connections];
        var sent = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentBag<double>();
        var measuring = 0;
        string? firstError = null;
        long failed = 0;
        var rssBefore = CpuProbe.AppMemoryMb().Rss;
        using var sampling = new CancellationTokenSource();
        var peakRss = SampleRssAsync(sampling.Token);
        try
        {
            // Connect and start the chats a few at a time (starting a chat is a command with its own transaction).
            await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, t) =>
            {
                var hub = new HubConnectionBuilder().WithUrl($"{appUrl}/hubs/chat").Build();
                hub.On<JsonElement>("chatMessage", message =>
                {
                    if (message.TryGetProperty("clientMessageId", out var id) && id.ValueKind == JsonValueKind.String
                        && sent.TryRemove(id.GetGuid(), out var started) && Volatile.Read(ref measuring) == 1)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                });
                hubs[i] = hub;
                await hub.StartAsync(t);
                var result = await hub.InvokeAsync<JsonElement>("StartChat",
                    new { guestName = $"Load Guest {i}", guestEmail = $"chat-{run}-{i}@example.net", language = "en", caseId = (Guid?)null, firstMessage = (string?)null }, t);
                chats[i] = result.GetProperty("chat").GetProperty("id").GetGuid();
            });

            var rssConnected = CpuProbe.AppMemoryMb().Rss;

            // Warm-up (not measured), then the measured run: every connection sends once a second, spread over the second.
            await SendLoopAsync(TimeSpan.FromSeconds(Driver.WarmUpSeconds(duration.TotalSeconds)));
            sent.Clear();
            Volatile.Write(ref measuring, 1);
            if (pgStats is not null)
            {
                await PgStats.ResetAsync(pgStats, ct);
            }

            using var trace = Driver.StartTrace($"chat {connections} connections", duration);
            var (appBefore, pgBefore) = CpuProbe.Read();
            var harnessBefore = CpuProbe.Harness();
            var wall = Stopwatch.StartNew();
            var sentMeasured = await SendLoopAsync(duration);
            // Each connection awaits its ack before its next message: an app that falls behind stretches the loop past the
            // measured time, so rates are over the loop's own time.
            var elapsed = wall.Elapsed.TotalSeconds;
            var (appAfter, pgAfter) = CpuProbe.Read();
            var harnessAfter = CpuProbe.Harness();
            if (trace is not null)
            {
                await trace.WaitForExitAsync(ct);
            }

            // Pushes still in flight when the time is up get a moment to arrive; what never arrives counts as lost.
            var grace = Stopwatch.StartNew();
            while (!sent.IsEmpty && grace.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(50, ct);
            }

            if (pgStats is not null)
            {
                await PgStats.PrintAsync(pgStats, "chat (per message sent in the measurement)", sentMeasured, ct);
            }

            var lost = sent.Count;
            var all = latencies.Order().ToArray();
            var p50 = Driver.Percentile(all, 0.50);
            var p95 = Driver.Percentile(all, 0.95);
            var p99 = Driver.Percentile(all, 0.99);
            var errors = failed == 0 ? string.Empty : $", {failed} sends failed ({firstError})";
            var perMessage = Math.Max(1, sentMeasured);
            var appMs = (appAfter - appBefore) * 1000 / perMessage;
            var pgMs = (pgAfter - pgBefore) * 1000 / perMessage;
            var harnessMs = (harnessAfter - harnessBefore) * 1000 / perMessage;
            await sampling.CancelAsync();
            var peak = await peakRss;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  chat: CPU per message app {appMs:F2} + pg {pgMs:F2} ms, harness {harnessMs:F2} ms; cores busy app {(appAfter - appBefore) / elapsed:F2}, pg {(pgAfter - pgBefore) / elapsed:F2}, harness {(harnessAfter - harnessBefore) / elapsed:F2} over {elapsed:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  chat: app RSS {rssBefore:F0} MB before, {rssConnected:F0} MB with {connections:N0} connections ({(rssConnected - rssBefore) * 1024 / connections:F0} KB each), peak {peak:F0} MB during the scenario"));
            return new ScenarioResult(
                $"chat ({connections:N0} connections)", size,
                string.Create(CultureInfo.InvariantCulture,
                    $"{sentMeasured / elapsed:N0} msg/s sent, {all.Length:N0} delivered, p50 {p50:F0} / p95 {p95:F0} / p99 {p99:F0} ms; {sentMeasured:N0} sent, {lost} not delivered{errors}; CPU/msg app {appMs:F2} + pg {pgMs:F2} ms, harness {harnessMs:F2} ms; app RSS {rssBefore:F0} → {rssConnected:F0} MB connected, peak {peak:F0} MB"),
                "—", "—", "delivery p99 ≤100 ms",
                failed == 0 && lost == 0 && all.Length > 0 && p99 <= 100,
                $"{connections:N0} guest connections, one message per second each, {duration.TotalSeconds:0.#} s; latency = send until the hub pushes the message back");
        }
        finally
        {
            await sampling.CancelAsync();
            foreach (var hub in hubs.Where(h => h is not null))
            {
                await hub.DisposeAsync();
            }
        }

        // The app's largest resident set while the scenario runs (connecting, warm-up, measurement).
        static async Task<double> SampleRssAsync(CancellationToken stop)
        {
            var peak = double.NaN;
            while (!stop.IsCancellationRequested)
            {
                var rss = CpuProbe.AppMemoryMb().Rss;
                peak = double.IsNaN(peak) ? rss : Math.Max(peak, rss);
                try
                {
                    await Task.Delay(100, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            return peak;
        }

        async Task<long> SendLoopAsync(TimeSpan length)
        {
            long count = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
            {
                // Spread the connections over the second so the load is steady, not one burst per second.
                var offset = TimeSpan.FromSeconds((double)i / connections);
                for (var tick = 0; ; tick++)
                {
                    var due = offset + TimeSpan.FromSeconds(tick);
                    if (due >= length || ct.IsCancellationRequested)
                    {
                        return;
                    }

                    var wait = due - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, ct);
                    }

                    var id = Guid.NewGuid();
                    sent[id] = Stopwatch.GetTimestamp();
                    Interlocked.Increment(ref count);
                    try
                    {
                        await hubs[i].InvokeAsync<JsonElement>("SendMessage", chats[i], id,
                            string.Create(CultureInfo.InvariantCulture, $"Message {tick} from guest {i}: the picture froze again."), ct);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        sent.TryRemove(id, out _);
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstError, $"{ex.GetType().Name}: {ex.Message}", null);
                    }
                }
            }));
            return count;
        }
    }

}
