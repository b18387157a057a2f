namespace HelpDesk.Domain.Common;

/// <summary>Append-only record of who did what to which case, when and from where.</summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        Action = string.Empty;
        ActorName = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
    }

    public long Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? ActorUserId { get; private set; }
    public string ActorName { get; private set; }
    public string? ActorIp { get; private set; }
    public string Action { get; private set; }
    public string EntityType { get; private set; }
    public string EntityId { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>JSON object with the values that changed (<c>{"status":{"from":"New","to":"Resolved"}}</c>).</summary>
    public string? Data { get; private set; }

    public static AuditEvent Record(
        DateTimeOffset at, Actor actor, string action, string entityType, string entityId, Guid? caseId = null, string? data = null) =>
        new()
        {
            OccurredAt = at,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            ActorIp = actor.IpAddress,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            CaseId = caseId,
            Data = data,
        };
}

/// <summary>Who performed an action: a signed-in person, or the system itself.</summary>
public sealed record Actor(string? UserId, string Name, string? IpAddress)
{
    public static Actor System { get; } = new(null, "system", null);
}
