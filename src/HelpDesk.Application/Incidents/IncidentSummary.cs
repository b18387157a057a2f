using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentSummary(
    Guid Id, string Title, IncidentSeverity Severity, IncidentStatus Status, DateTimeOffset StartedAt, DateTimeOffset? ExpectedEndAt,
    DateTimeOffset? ResolvedAt, DateTimeOffset DeclaredAt, int LinkedCases);
