namespace HelpDesk.Application.Audit;

/// <summary>One audit event as the history views show it.</summary>
/// <param name="ActorIp">Only for supervisors; null for everyone else.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string? ActorIp,
    string Action,
    string EntityType,
    string EntityId,
    Guid? CaseId,
    string? CaseNumber,
    IReadOnlyList<AuditChange> Changes);
