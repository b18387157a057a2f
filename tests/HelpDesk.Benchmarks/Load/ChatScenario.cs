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
/// </summary>
public static class ChatScenario
{
    public const string Name = "chat";

    public static async Task<ScenarioResult> RunAsync(string appUrl, int connections, TimeSpan duration, int size, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var hubs = new HubConnection[connections];
        var chats = new Guid[connections];
        var sent = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentBag<double>();
        var measuring = 0;
        string? firstError = null;
        long failed = 0;
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

            // Warm-up (not measured), then the measured run: every connection sends once a second, spread over the second.
            await SendLoopAsync(TimeSpan.FromSeconds(Math.Min(2, Math.Max(0.5, duration.TotalSeconds / 5))));
            sent.Clear();
            Volatile.Write(ref measuring, 1);
            var sentMeasured = await SendLoopAsync(duration);
            // Pushes still in flight when the time is up get a moment to arrive; what never arrives counts as lost.
            var grace = Stopwatch.StartNew();
            while (!sent.IsEmpty && grace.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(50, ct);
            }

            var lost = sent.Count;
            var all = latencies.Order().ToArray();
            var p50 = Driver.Percentile(all, 0.50);
            var p95 = Driver.Percentile(all, 0.95);
            var p99 = Driver.Percentile(all, 0.99);
            var errors = failed == 0 ? string.Empty : $", {failed} sends failed ({firstError})";
            return new ScenarioResult(
                $"chat ({connections:N0} connections)", size,
                $"{all.Length / duration.TotalSeconds:N0} msg/s delivered, p50 {p50:F0} / p95 {p95:F0} / p99 {p99:F0} ms; {sentMeasured:N0} sent, {lost} not delivered{errors}",
                "—", "—", "delivery p99 ≤100 ms",
                failed == 0 && lost == 0 && all.Length > 0 && p99 <= 100,
                $"{connections:N0} guest connections, one message per second each, {duration.TotalSeconds:0.#} s; latency = send until the hub pushes the message back");
        }
        finally
        {
            foreach (var hub in hubs.Where(h => h is not null))
            {
                await hub.DisposeAsync();
            }
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
