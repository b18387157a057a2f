using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentScopeView(
    IReadOnlyList<string> Regions, IReadOnlyList<string> Countries, IReadOnlyList<string> Plans, IReadOnlyList<string> DeviceKinds, IReadOnlyList<string> AppVersions)
{
    public bool Everyone => Regions.Count == 0 && Countries.Count == 0 && Plans.Count == 0 && DeviceKinds.Count == 0 && AppVersions.Count == 0;

    public static IncidentScopeView Of(Incident i) => new(i.Regions, i.Countries, i.Plans, i.DeviceKinds, i.AppVersions);
}

public sealed record IncidentSummary(
    Guid Id, string Title, IncidentSeverity Severity, IncidentStatus Status, DateTimeOffset StartedAt, DateTimeOffset? ExpectedEndAt,
    DateTimeOffset? ResolvedAt, DateTimeOffset DeclaredAt, int LinkedCases);

public sealed record IncidentUpdateView(Guid Id, IncidentUpdateKind Kind, string Body, string AuthorName, DateTimeOffset CreatedAt, IncidentNoticeView? Notice);

/// <summary>"Notify affected subscribers" for one update: emails written to the outbox (queued), delivered and failed, of the total.</summary>
public sealed record IncidentNoticeView(Guid Id, IncidentNoticeStatus Status, int Total, int Queued, int Delivered, int Failed, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);

public sealed record LinkedCaseView(Guid CaseId, string Number, string Subject, CaseStatus Status, CaseCategory Category, bool Automatic, string LinkedByName, DateTimeOffset LinkedAt);

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

/// <summary>What subscribers and the public may read: no internal notes, no staff names.</summary>
public sealed record PublicIncident(
    Guid Id, string Title, string Description, IncidentSeverity Severity, IncidentStatus Status, DateTimeOffset StartedAt, DateTimeOffset? ExpectedEndAt,
    DateTimeOffset? ResolvedAt, IReadOnlyList<PublicIncidentUpdate> Updates)
{
    public static PublicIncident Of(Incident i) => new(
        i.Id, i.Title, i.Description, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt,
        i.Updates.Where(u => u.IsPublic).OrderByDescending(u => u.CreatedAt).Select(u => new PublicIncidentUpdate(u.Kind, u.Body, u.CreatedAt)).ToList());
}

public sealed record PublicIncidentUpdate(IncidentUpdateKind Kind, string Body, DateTimeOffset At);
