using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Cases;

/// <summary>
/// An earlier case of the same subscriber and how it ended. Cases above the viewer's tier are never listed.
/// </summary>
public sealed record PreviousCaseView(
    Guid Id,
    string Number,
    string? Subject,
    CaseStatus Status,
    AgentTier Tier,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    string? MergedIntoNumber);
