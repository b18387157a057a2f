using HelpDesk.Domain.Common;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Agents;

/// <summary>A member of staff who works cases (agents of every tier and supervisors).</summary>
public sealed class Agent
{
    public const int DefaultCapacity = 8;
    public const int MaxCapacity = 50;

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

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public static Agent Create(
        string userId, string email, string firstName, string lastName, AgentTier tier, string timeZone = "UTC",
        IEnumerable<CaseCategory>? skills = null, IEnumerable<string>? languages = null, int capacity = DefaultCapacity)
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

    /// <summary>Whether this agent's tier reaches cases held at <paramref name="caseTier"/>.</summary>
    public bool CanWork(AgentTier caseTier) => Tier >= caseTier;

    /// <summary>Whether the agent may take this case from a queue (tier, skill and language; capacity is checked by the claim).</summary>
    public bool IsEligibleFor(AgentTier caseTier, CaseCategory category, string language) =>
        CanWork(caseTier)
        && (Skills.Count == 0 || Skills.Contains(category.ToString()))
        && (Languages.Count == 0 || Languages.Contains(language.Split('-', 2)[0].ToLowerInvariant()));
}
