using HelpDesk.Web.Hubs;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>
/// The chat hub's per-connection flood bucket (refilled from timestamps, no timer) and the node's gate on chat commands
/// in flight (ADR 0129), without a server.
/// </summary>
public sealed class ChatFloodAndGateTests
{
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void The_flood_bucket_allows_a_burst_of_the_limit_then_one_message_per_refill_period()
    {
        var time = new ManualTime();
        // The defaults: 5 messages per 5 seconds, a burst of 5, then one a second.
        var bucket = FloodBucket.For(new ChatHubOptions(), time);

        Enumerable.Range(0, 5).Select(_ => bucket.TryTake()).ShouldAllBe(taken => taken);
        bucket.TryTake().ShouldBeFalse("the sixth message of a burst is over the limit");

        time.Advance(TimeSpan.FromMilliseconds(999));
        bucket.TryTake().ShouldBeFalse("less than a second refills less than one message");
        time.Advance(TimeSpan.FromMilliseconds(1));
        bucket.TryTake().ShouldBeTrue("a refused attempt takes nothing: a second after the burst one message is back");
        bucket.TryTake().ShouldBeFalse();

        // A long pause refills the bucket only up to the burst.
        time.Advance(TimeSpan.FromMinutes(10));
        Enumerable.Range(0, 5).Select(_ => bucket.TryTake()).ShouldAllBe(taken => taken);
        bucket.TryTake().ShouldBeFalse();
    }

    [Fact]
    public void A_steady_message_a_second_is_never_refused()
    {
        var time = new ManualTime();
        var bucket = FloodBucket.For(new ChatHubOptions(), time);
        for (var i = 0; i < 100; i++)
        {
            bucket.TryTake().ShouldBeTrue($"message {i}");
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task The_gate_runs_at_most_its_size_at_once_and_lets_the_others_in_as_slots_free()
    {
        using var gate = new ChatCommandGate(Options.Create(new ChatHubOptions { CommandsInFlight = 2 }));
        gate.Size.ShouldBe(2);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var most = 0;
        var started = 0;
        var calls = Enumerable.Range(0, 6).Select(i => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Interlocked.Increment(ref started);
            await release.Task;
            Interlocked.Decrement(ref running);
            return i;
        }, CancellationToken.None)).ToList();

        await WaitUntil(() => Volatile.Read(ref started) == 2);
        await Task.Delay(50);
        started.ShouldBe(2, "the others wait at the gate, not inside their command");
        gate.Waiting.ShouldBe(4);
        gate.Running.ShouldBe(2);

        release.SetResult();
        (await Task.WhenAll(calls)).ShouldBe([0, 1, 2, 3, 4, 5], ignoreOrder: true);
        most.ShouldBe(2);
        gate.Running.ShouldBe(0);
        gate.Waiting.ShouldBe(0);
    }

    [Fact]
    public async Task A_call_whose_connection_closes_while_it_waits_leaves_the_line_and_a_failed_command_frees_its_slot()
    {
        using var gate = new ChatCommandGate(Options.Create(new ChatHubOptions { CommandsInFlight = 1 }));
        var hold = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = gate.RunAsync(() => hold.Task, CancellationToken.None);

        using var closed = new CancellationTokenSource();
        var ran = false;
        var waiting = gate.RunAsync(() => { ran = true; return Task.FromResult(1); }, closed.Token);
        await WaitUntil(() => gate.Waiting == 1);
        await closed.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting);
        ran.ShouldBeFalse();
        gate.Waiting.ShouldBe(0);

        hold.SetException(new InvalidOperationException("the command failed"));
        await Should.ThrowAsync<InvalidOperationException>(() => holding);
        (await gate.RunAsync(() => Task.FromResult(7), CancellationToken.None)).ShouldBe(7);
        gate.Running.ShouldBe(0);
    }

    [Fact]
    public void The_gate_defaults_to_eight_commands_per_core()
    {
        using var gate = new ChatCommandGate(Options.Create(new ChatHubOptions()));
        gate.Size.ShouldBe(Math.Max(4, Environment.ProcessorCount * 8));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(10);
        }
    }
}
