using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Queues;

/// <summary>
/// Places a new case: the first enabled rule (by position) whose conditions all match sends it to its queue,
/// optionally raising the priority. Unset conditions match anything.
/// </summary>
public sealed class RoutingRule
{
    public const int MaxNameLength = 200;

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
        string? language = null, CasePriority? minimumPriority = null, CasePriority? setPriority = null)
    {
        var rule = new RoutingRule { Position = position, Enabled = true };
        rule.Change(name, targetQueue, channel, category, language, minimumPriority, setPriority);
        return rule;
    }

    /// <summary>Changes what the rule matches and where it sends cases; its position and on/off state stay.</summary>
    public void Change(
        string name, string targetQueue, Channel? channel, CaseCategory? category, string? language,
        CasePriority? minimumPriority, CasePriority? setPriority)
    {
        name = name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            throw new DomainRuleException("routing.bad_name", $"A routing rule needs a name of 1 to {MaxNameLength} characters.");
        }

        language = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        if (language is not null && !IsLanguageTag(language))
        {
            throw new DomainRuleException("routing.bad_language", $"'{language}' is not a language tag: use 2 to 8 letters, such as en or es.");
        }

        if (string.IsNullOrWhiteSpace(targetQueue))
        {
            throw new DomainRuleException("routing.no_queue", "Choose the queue the rule sends cases to.");
        }

        Name = name;
        TargetQueue = targetQueue;
        Channel = channel;
        Category = category;
        Language = language;
        MinimumPriority = minimumPriority;
        SetPriority = setPriority;
    }

    /// <summary>
    /// Refuses a rule that would put a channel's cases in another channel's Tier 1 queue: agents there pick
    /// up only their own channel's contacts (a chat in the callback queue would never be answered in time).
    /// </summary>
    public static void EnsureTargetFits(Channel? channel, WorkQueue target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (channel is { } from && target.Tier == AgentTier.Tier1 && target.Channel is { } serves && serves != from)
        {
            throw new DomainRuleException(
                "routing.wrong_channel_queue",
                $"{target.Name} is the Tier 1 queue for {serves} contacts; a rule for {from} cases cannot send them there. Choose the {from} Tier 1 queue or a senior queue.");
        }
    }

    public void Enable() => Enabled = true;

    public void Disable() => Enabled = false;

    /// <summary>Takes <paramref name="position"/> (lower positions are tried first).</summary>
    public void MoveTo(int position) => Position = position;

    /// <summary>A primary language subtag as rules compare it: 2 to 8 ASCII letters.</summary>
    public static bool IsLanguageTag(string? language) =>
        language is { Length: >= 2 and <= 8 } && language.All(char.IsAsciiLetter);

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
