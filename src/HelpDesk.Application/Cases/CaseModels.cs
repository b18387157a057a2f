using System.Linq.Expressions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Application.Cases;

public sealed record CaseSummary(
    Guid Id,
    string Number,
    string Subject,
    CaseCategory Category,
    CasePriority Priority,
    CaseStatus Status,
    SubscriberStage Stage,
    AgentTier Tier,
    string Queue,
    string? AssigneeName,
    string SubscriberName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record TimelineEntry(
    Guid Id,
    Guid CaseId,
    AuthorKind AuthorKind,
    string AuthorName,
    Visibility Visibility,
    Direction Direction,
    Channel Channel,
    string Body,
    string? Explanation,
    DateTimeOffset CreatedAt)
{
    /// <summary>The one mapping from a stored interaction, usable in EF queries and in memory.</summary>
    public static readonly Expression<Func<Interaction, TimelineEntry>> Projection =
        i => new TimelineEntry(i.Id, i.CaseId, i.AuthorKind, i.AuthorName, i.Visibility, i.Direction, i.Channel, i.Body, i.Explanation, i.CreatedAt);

    private static readonly Func<Interaction, TimelineEntry> Compiled = Projection.Compile();

    public static TimelineEntry From(Interaction interaction) => Compiled(interaction);
}

/// <summary>What staff see of the subscriber next to the case.</summary>
public sealed record SubscriberContext(
    Guid Id,
    string Name,
    string Email,
    string Plan,
    string Country,
    string Language,
    DateTimeOffset MemberSince,
    int PreviousCases);

public sealed partial record CaseDetails(
    Guid Id,
    string Number,
    string Subject,
    CaseCategory Category,
    string CategoryLabel,
    CasePriority Priority,
    CaseStatus Status,
    SubscriberStage Stage,
    AgentTier Tier,
    string Queue,
    Channel Channel,
    string? AssigneeName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<TimelineEntry> Timeline,
    SubscriberContext? Subscriber);
