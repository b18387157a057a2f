using HelpDesk.Domain.Common;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Queues;

/// <summary>A named queue agents work from, held at one tier (e.g. <c>Email-Tier1</c>, <c>Tier3</c>).</summary>
public sealed class WorkQueue
{
    public const int MaxNameLength = 64;

    private WorkQueue()
    {
        Name = Description = string.Empty;
    }

    public string Name { get; private set; }
    public AgentTier Tier { get; private set; }

    /// <summary>The channel a Tier 1 queue serves; null for shared senior queues.</summary>
    public Channel? Channel { get; private set; }

    public string Description { get; private set; }
    public int SortOrder { get; private set; }

    public static WorkQueue Create(string name, AgentTier tier, string description, int sortOrder, Channel? channel = null) =>
        new() { Name = name, Tier = tier, Description = description, SortOrder = sortOrder, Channel = channel };

    /// <summary>The queues every installation starts with.</summary>
    public static IReadOnlyList<WorkQueue> Defaults() =>
    [
        Create("Portal-Tier1", AgentTier.Tier1, "Cases opened in the web portal", 10, Channels.Channel.Portal),
        Create("Email-Tier1", AgentTier.Tier1, "Cases that arrived by email", 20, Channels.Channel.Email),
        Create("Chat-Tier1", AgentTier.Tier1, "Live chats handed over by the virtual assistant", 30, Channels.Channel.Chat),
        Create("Callback-Tier1", AgentTier.Tier1, "Phone callback requests", 40, Channels.Channel.Phone),
        Create("Tier2", AgentTier.Tier2, "Billing disputes and technical problems Tier 1 could not solve", 50),
        Create("Tier3", AgentTier.Tier3, "Safety-sensitive cases: child safety, account takeover, harassment, legal", 60),
        Create("Supervisor", AgentTier.Supervisor, "Requests to speak to a supervisor and approvals", 70),
    ];
}
