using HelpDesk.Infrastructure.Workers;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.IntegrationTests.Workers;

/// <summary>The one rule of every periodic worker (SLA, email, chat, incident notices): a first tick at start, then every interval.</summary>
public sealed class PeriodicWorkerTests
{
    [Fact]
    public async Task A_worker_ticks_once_at_start_keeps_going_after_a_failed_tick_and_stops_with_the_host()
    {
        using var worker = new Probe(seconds: 1, failFirst: true);

        await worker.StartAsync(CancellationToken.None);
        await worker.SecondTick.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        worker.Ticks.ShouldBeGreaterThanOrEqualTo(2);
        (worker.SecondTickAt - worker.FirstTickAt).ShouldBeGreaterThan(TimeSpan.FromMilliseconds(500));
        worker.ExecuteTask!.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public async Task The_first_tick_does_not_wait_for_the_interval()
    {
        using var worker = new Probe(seconds: 3600, failFirst: false);

        await worker.StartAsync(CancellationToken.None);
        await worker.FirstTick.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        worker.Ticks.ShouldBe(1);
    }

    [Fact]
    public async Task An_interval_of_zero_turns_the_worker_off()
    {
        using var worker = new Probe(seconds: 0, failFirst: false);

        await worker.StartAsync(CancellationToken.None);
        await worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
        await worker.StopAsync(CancellationToken.None);

        worker.Ticks.ShouldBe(0);
    }

    private sealed class Probe(int seconds, bool failFirst) : PeriodicWorker(NullLogger.Instance)
    {
        private int _ticks;

        public int Ticks => _ticks;
        public TaskCompletionSource FirstTick { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource SecondTick { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DateTimeOffset FirstTickAt { get; private set; }
        public DateTimeOffset SecondTickAt { get; private set; }

        protected override string DisplayName => "Probe";
        protected override string IntervalSetting => "HelpDesk:Probe:IntervalSeconds";
        protected override int IntervalSeconds => seconds;

        protected override Task TickAsync(CancellationToken stoppingToken)
        {
            switch (Interlocked.Increment(ref _ticks))
            {
                case 1:
                    FirstTickAt = DateTimeOffset.UtcNow;
                    FirstTick.TrySetResult();
                    if (failFirst)
                    {
                        throw new InvalidOperationException("The first tick fails.");
                    }

                    break;
                case 2:
                    SecondTickAt = DateTimeOffset.UtcNow;
                    SecondTick.TrySetResult();
                    break;
            }

            return Task.CompletedTask;
        }
    }
}
