using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

/// <summary>What subscribers and the public may read: no internal notes, no staff names.</summary>
public sealed record PublicIncident(
    Guid Id, string Title, string Description, IncidentSeverity Severity, IncidentStatus Status, DateTimeOffset StartedAt, DateTimeOffset? ExpectedEndAt,
    DateTimeOffset? ResolvedAt, IReadOnlyList<PublicIncidentUpdate> Updates)
{
    public static PublicIncident Of(Incident i) => new(
        i.Id, i.Title, i.Description, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt,
        i.Updates.Where(u => u.IsPublic).OrderByDescending(u => u.CreatedAt).Select(u => new PublicIncidentUpdate(u.Kind, u.Body, u.CreatedAt)).ToList());
}
