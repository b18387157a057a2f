namespace HelpDesk.Application.Common.Security;

public static class Roles
{
    public const string Subscriber = "Subscriber";
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    /// <summary>Background workers (SLA sweeper, outbox); never an Identity role, so no person can hold it.</summary>
    public const string SystemWorker = "hd:system";

    public static readonly IReadOnlyList<string> All = [Subscriber, Agent, Supervisor, Admin];
}

/// <summary>Claim types HelpDesk adds to the signed-in principal.</summary>
public static class HelpDeskClaims
{
    public const string SubscriberId = "hd:subscriber";
    public const string AgentId = "hd:agent";
    public const string Tier = "hd:tier";
    public const string TimeZone = "hd:tz";
    public const string DisplayName = "hd:name";
}
