using HelpDesk.Domain.Common;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Agents;

/// <summary>A member of staff who works cases (agents of every tier and supervisors).</summary>
public sealed class Agent
{
    public const int DefaultCapacity = 8;
    public const int MaxCapacity = 50;

    /// <summary>Chats a new agent holds at once unless configured otherwise (<c>HelpDesk:Chat:AgentCapacity</c>).</summary>
    public const int DefaultChatCapacity = 3;
    public const int MaxChatCapacity = 10;

    private Agent()
    {
        UserId = Email = FirstName = LastName = TimeZone = string.Empty;
        Skills = [];
        Languages = [];
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public string Email { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public AgentTier Tier { get; private set; }
    public string TimeZone { get; private set; }

    /// <summary>Categories this agent handles (names of <see cref="CaseCategory"/>); empty means every category.</summary>
    public List<string> Skills { get; private set; }

    /// <summary>Primary languages (<c>en</c>, <c>es</c>) this agent works in; empty means every language.</summary>
    public List<string> Languages { get; private set; }

    /// <summary>How many active cases (new, open, pending internal) the agent may hold at once.</summary>
    public int Capacity { get; private set; }

    /// <summary>How many live chats the agent may hold at once (0–10); 0: the agent takes no chats.</summary>
    public int ChatCapacity { get; private set; }

    /// <summary>Set while the person is deactivated: they cannot sign in and are given no work.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public string DisplayName => DisplayNameOf(FirstName, LastName);

    /// <summary>The name staff and subscribers see, from the two name columns (read models that do not load the entity).</summary>
    public static string DisplayNameOf(string firstName, string lastName) => $"{firstName} {lastName}".Trim();

    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;

    /// <summary>An administrator moves the person to another tier (supervisors hold <see cref="AgentTier.Supervisor"/>).</summary>
    public void ChangeTier(AgentTier tier)
    {
        if (!Enum.IsDefined(tier))
        {
            throw new DomainRuleException("agent.bad_tier", "Choose a tier from the list.");
        }

        Tier = tier;
    }

    public static Agent Create(
        string userId, string email, string firstName, string lastName, AgentTier tier, string timeZone = "UTC",
        IEnumerable<CaseCategory>? skills = null, IEnumerable<string>? languages = null, int capacity = DefaultCapacity,
        int chatCapacity = DefaultChatCapacity)
    {
        var agent = new Agent
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            Tier = tier,
            TimeZone = timeZone,
        };
        agent.SetWorkProfile(skills ?? [], languages ?? [], capacity);
        agent.SetChatCapacity(chatCapacity);
        return agent;
    }

    public void SetWorkProfile(IEnumerable<CaseCategory> skills, IEnumerable<string> languages, int capacity)
    {
        if (capacity is < 1 or > MaxCapacity)
        {
            throw new DomainRuleException("agent.bad_capacity", $"Capacity must be between 1 and {MaxCapacity} cases.");
        }

        Skills = skills.Distinct().Select(s => s.ToString()).ToList();
        Languages = languages.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        Capacity = capacity;
    }

    /// <summary>Sets how many live chats the agent may hold at once; 0 means the agent takes no chats.</summary>
    public void SetChatCapacity(int chatCapacity)
    {
        if (chatCapacity is < 0 or > MaxChatCapacity)
        {
            throw new DomainRuleException("agent.bad_chat_capacity", $"Chat capacity must be between 0 and {MaxChatCapacity} chats (0: takes no chats).");
        }

        ChatCapacity = chatCapacity;
    }

    /// <summary>Whether this agent's tier reaches cases held at <paramref name="caseTier"/>.</summary>
    public bool CanWork(AgentTier caseTier) => CanWork(Tier, caseTier);

    /// <summary>Whether an agent of <paramref name="agentTier"/> may work a case or queue held at <paramref name="caseTier"/>.</summary>
    public static bool CanWork(AgentTier agentTier, AgentTier caseTier) => agentTier >= caseTier;

    /// <summary>Whether the agent may take this case from a queue (tier, skill and language; capacity is checked by the claim).</summary>
    public bool IsEligibleFor(AgentTier caseTier, CaseCategory category, string language) =>
        IsEligible(Tier, Skills, Languages, caseTier, category, language);

    /// <summary>The same rule for an agent read as plain values (read models that do not load the entity).</summary>
    public static bool IsEligible(
        AgentTier agentTier, IReadOnlyCollection<string> skills, IReadOnlyCollection<string> languages, AgentTier caseTier, CaseCategory category, string language) =>
        agentTier >= caseTier
        && (skills.Count == 0 || skills.Contains(category.ToString()))
        && (languages.Count == 0 || languages.Contains(language.Split('-', 2)[0].ToLowerInvariant()));
}
