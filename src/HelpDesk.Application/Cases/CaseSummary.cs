using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

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
    DateTimeOffset UpdatedAt,
    SlaStanding Sla = SlaStanding.Ok,
    DateTimeOffset? SlaDueAt = null);
