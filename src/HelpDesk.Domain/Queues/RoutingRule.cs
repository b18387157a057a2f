using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Queues;

/// <summary>
/// Places a new case: the first enabled rule (by position) whose conditions all match sends it to its queue,
/// optionally raising the priority. Unset conditions match anything.
/// </summary>
public sealed class RoutingRule
{
    private RoutingRule()
    {
        Name = TargetQueue = string.Empty;
    }

    public int Id { get; private set; }
    public int Position { get; private set; }
    public string Name { get; private set; }
    public bool Enabled { get; private set; }
    public Channel? Channel { get; private set; }
    public CaseCategory? Category { get; private set; }

    /// <summary>BCP 47 primary language (<c>es</c>) the subscriber writes in.</summary>
    public string? Language { get; private set; }

    /// <summary>Matches cases at this priority or higher.</summary>
    public CasePriority? MinimumPriority { get; private set; }

    public string TargetQueue { get; private set; }

    /// <summary>Raises (never lowers) the case's priority to this.</summary>
    public CasePriority? SetPriority { get; private set; }

    public static RoutingRule Create(
        int position, string name, string targetQueue, Channel? channel = null, CaseCategory? category = null,
        string? language = null, CasePriority? minimumPriority = null, CasePriority? setPriority = null) =>
        new()
        {
            Position = position,
            Name = name,
            Enabled = true,
            TargetQueue = targetQueue,
            Channel = channel,
            Category = category,
            Language = language?.ToLowerInvariant(),
            MinimumPriority = minimumPriority,
            SetPriority = setPriority,
        };

    public bool Matches(Channel channel, CaseCategory category, string language, CasePriority priority) =>
        Enabled
        && (Channel is null || Channel == channel)
        && (Category is null || Category == category)
        && (Language is null || string.Equals(PrimaryLanguage(language), Language, StringComparison.OrdinalIgnoreCase))
        && (MinimumPriority is null || priority >= MinimumPriority);

    internal static string PrimaryLanguage(string language) => language.Split('-', 2)[0];

    /// <summary>The rules every installation starts with (channel queues are the fallback, so none are needed for them).</summary>
    public static IReadOnlyList<RoutingRule> Defaults() =>
    [
        Create(10, "Billing disputes from email go to Tier 2", "Tier2", channel: Channels.Channel.Email, category: CaseCategory.Billing),
        Create(20, "Urgent cases skip Tier 1", "Tier2", minimumPriority: CasePriority.Urgent),
    ];
}

/// <summary>Where a case was placed and which rule decided it.</summary>
public sealed record Placement(AgentTier Tier, string Queue, CasePriority Priority, string Rule);
