using BenchmarkDotNet.Attributes;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Cost of the domain work on the hot path of every contact: opening a case and appending to its timeline.
/// The baseline (formatting the case number alone) is measured in the same run, so results compare
/// like with like on whatever machine runs them.
/// </summary>
[MemoryDiagnoser]
public class CaseTimelineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private readonly Subscriber _subscriber = Subscriber.Create("u", "alice@example.com", "Alice", "Martin", SubscriptionPlan.Premium, "US", "en", "UTC", "USD", Now);
    private readonly Agent _agent = Agent.Create("a", "agent1@helpdesk.test", "Sam", "Okafor", AgentTier.Tier1);

    [Params(10, 100)]
    public int Replies { get; set; }

    [Benchmark(Baseline = true)]
    public string FormatNumber() => CaseNumber.Format(123_456);

    [Benchmark]
    public Case OpenAndReply()
    {
        var c = Case.Open(123_456, _subscriber, Channel.Portal, CaseCategory.Playback, "Buffering", "It stops.", Now);
        for (var i = 0; i < Replies; i++)
        {
            c.AddAgentReply(_agent, "Please restart the app.", Now.AddMinutes(i));
            c.AddSubscriberMessage(_subscriber, "Still broken.", Now.AddMinutes(i).AddSeconds(30));
        }

        return c;
    }
}
