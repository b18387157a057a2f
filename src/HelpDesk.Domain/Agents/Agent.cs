namespace HelpDesk.Domain.Agents;

/// <summary>A member of staff who works cases (agents of every tier and supervisors).</summary>
public sealed class Agent
{
    private Agent()
    {
        UserId = Email = FirstName = LastName = TimeZone = string.Empty;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; }
    public string Email { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public AgentTier Tier { get; private set; }
    public string TimeZone { get; private set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public static Agent Create(string userId, string email, string firstName, string lastName, AgentTier tier, string timeZone = "UTC") =>
        new()
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            Tier = tier,
            TimeZone = timeZone,
        };

    /// <summary>Whether this agent's tier reaches cases held at <paramref name="caseTier"/>.</summary>
    public bool CanWork(AgentTier caseTier) => Tier >= caseTier;
}
