using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentDetails(
    Guid Id,
    string Title,
    string Description,
    IncidentSeverity Severity,
    IncidentStatus Status,
    IncidentScopeView Scope,
    IReadOnlyList<CaseCategory> Categories,
    DateTimeOffset StartedAt,
    DateTimeOffset? ExpectedEndAt,
    DateTimeOffset? ResolvedAt,
    string? ClosingNote,
    string DeclaredByName,
    DateTimeOffset DeclaredAt,
    int AffectedSubscribers,
    IReadOnlyList<IncidentUpdateView> Updates,
    IReadOnlyList<LinkedCaseView> LinkedCases,
    bool CanManage,
    IncidentCreditView? Credit = null,
    bool CanDecideCredit = false);
