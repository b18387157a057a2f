using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Incidents;

public enum IncidentSeverity
{
    /// <summary>Some subscribers notice something; most can still watch.</summary>
    Minor,

    /// <summary>Many subscribers cannot watch on some devices or in some places.</summary>
    Major,

    /// <summary>The service is down for the subscribers affected.</summary>
    Critical,
}

public enum IncidentStatus
{
    Open,
    Resolved,
}

public enum IncidentUpdateKind
{
    /// <summary>The first public word: the description given when the incident was declared.</summary>
    Declared,

    /// <summary>A public update (shown on the status page, the portal banner and the incident mail).</summary>
    Update,

    /// <summary>For staff only; never shown to subscribers, never mailed.</summary>
    InternalNote,

    /// <summary>The closing note given when the incident was resolved.</summary>
    Resolved,
}

/// <summary>
/// An outage or degradation of the service: what is affected (its <see cref="IncidentScope"/>), since when, how bad,
/// and the public updates and internal notes written while it lasted (ADR 0115).
/// </summary>
public sealed class Incident
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 4000;

    private readonly List<IncidentUpdate> _updates = [];

    private Incident()
    {
        Title = Description = DeclaredByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Title { get; private set; }

    /// <summary>What subscribers read about it (status page, banner, mail).</summary>
    public string Description { get; private set; }

    public IncidentSeverity Severity { get; private set; }
    public IncidentStatus Status { get; private set; }

    // What is affected, stored as arrays (text[]) so one SQL statement can match subscribers (ADR 0115).
    public List<string> Regions { get; private set; } = [];
    public List<string> Countries { get; private set; } = [];
    public List<string> Plans { get; private set; } = [];
    public List<string> DeviceKinds { get; private set; } = [];
    public List<string> AppVersions { get; private set; } = [];

    /// <summary>Case categories that link a new case from an affected subscriber to this incident automatically.</summary>
    public List<string> Categories { get; private set; } = [];

    public IncidentScope Scope => IncidentScope.FromStored(Regions, Countries, Plans, DeviceKinds, AppVersions);

    public IReadOnlyList<Cases.CaseCategory> LinkedCategories =>
        Categories.Select(c => Enum.TryParse<Cases.CaseCategory>(c, out var v) ? (Cases.CaseCategory?)v : null).OfType<Cases.CaseCategory>().ToList();
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? ExpectedEndAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public string? ClosingNote { get; private set; }
    public string? DeclaredByUserId { get; private set; }
    public string DeclaredByName { get; private set; }
    public DateTimeOffset DeclaredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<IncidentUpdate> Updates => _updates;

    public bool IsOpen => Status == IncidentStatus.Open;

    public static Incident Declare(
        string title, string description, IncidentSeverity severity, IncidentScope scope, IEnumerable<Cases.CaseCategory> categories,
        DateTimeOffset startedAt, DateTimeOffset? expectedEndAt, Actor by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        if (expectedEndAt is { } end && end <= startedAt)
        {
            throw new DomainRuleException("incident.end_before_start", "The expected end must be after the start.");
        }

        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            Title = title.Trim(),
            Description = description.Trim(),
            Severity = severity,
            Status = IncidentStatus.Open,
            Regions = [.. scope.Regions],
            Countries = [.. scope.Countries],
            Plans = [.. scope.Plans.Select(p => p.ToString())],
            DeviceKinds = [.. scope.DeviceKinds.Select(k => k.ToString())],
            AppVersions = [.. scope.AppVersions],
            Categories = [.. categories.Distinct().Select(c => c.ToString())],
            StartedAt = startedAt,
            ExpectedEndAt = expectedEndAt,
            DeclaredByUserId = by.UserId,
            DeclaredByName = by.Name,
            DeclaredAt = now,
            UpdatedAt = now,
        };
        incident._updates.Add(IncidentUpdate.Create(incident.Id, IncidentUpdateKind.Declared, incident.Description, by, now));
        return incident;
    }

    /// <summary>A public update or an internal note; optionally a new severity or expected end at the same time.</summary>
    public IncidentUpdate Post(IncidentUpdateKind kind, string body, Actor by, DateTimeOffset now)
    {
        if (kind is not (IncidentUpdateKind.Update or IncidentUpdateKind.InternalNote))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only updates and internal notes are posted.");
        }

        EnsureOpen();
        var update = IncidentUpdate.Create(Id, kind, body.Trim(), by, now);
        _updates.Add(update);
        UpdatedAt = now;
        return update;
    }

    public void Change(IncidentSeverity severity, DateTimeOffset? expectedEndAt, DateTimeOffset now)
    {
        EnsureOpen();
        if (expectedEndAt is { } end && end <= StartedAt)
        {
            throw new DomainRuleException("incident.end_before_start", "The expected end must be after the start.");
        }

        Severity = severity;
        ExpectedEndAt = expectedEndAt;
        UpdatedAt = now;
    }

    public IncidentUpdate Resolve(DateTimeOffset resolvedAt, string closingNote, Actor by, DateTimeOffset now)
    {
        EnsureOpen();
        if (resolvedAt < StartedAt)
        {
            throw new DomainRuleException("incident.resolved_before_start", "The incident cannot end before it started.");
        }

        if (resolvedAt > now.AddMinutes(5))
        {
            throw new DomainRuleException("incident.resolved_in_future", "The end time cannot be in the future.");
        }

        Status = IncidentStatus.Resolved;
        ResolvedAt = resolvedAt;
        ClosingNote = closingNote.Trim();
        UpdatedAt = now;
        var update = IncidentUpdate.Create(Id, IncidentUpdateKind.Resolved, ClosingNote, by, now);
        _updates.Add(update);
        return update;
    }

    private void EnsureOpen()
    {
        if (!IsOpen)
        {
            throw new DomainRuleException("incident.resolved", "This incident is resolved; it can no longer be changed.");
        }
    }
}

/// <summary>One entry on the incident's history: public (declared, update, resolved) or an internal note.</summary>
public sealed class IncidentUpdate
{
    private IncidentUpdate()
    {
        Body = AuthorName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public IncidentUpdateKind Kind { get; private set; }
    public string Body { get; private set; }
    public string? AuthorUserId { get; private set; }
    public string AuthorName { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsPublic => Kind != IncidentUpdateKind.InternalNote;

    internal static IncidentUpdate Create(Guid incidentId, IncidentUpdateKind kind, string body, Actor by, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), IncidentId = incidentId, Kind = kind, Body = body, AuthorUserId = by.UserId, AuthorName = by.Name, CreatedAt = now };
}
