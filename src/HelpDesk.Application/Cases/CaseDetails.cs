using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Application.Cases;

public sealed record CaseDetails(
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
    SubscriberContext? Subscriber,
    CaseSlaView Sla,
    IReadOnlyList<PendingFollowUp> FollowUps,
    CaseLink? PreviousCase,
    CaseLink? MergedInto,
    IReadOnlyList<CaseLink> FollowOnCases);
