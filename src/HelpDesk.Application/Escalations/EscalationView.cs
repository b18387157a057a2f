using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Escalations;

namespace HelpDesk.Application.Escalations;

/// <summary>One escalation as staff see it (subscribers see only their own "ask for a supervisor").</summary>
public sealed record EscalationView(
    Guid Id,
    Guid CaseId,
    EscalationKind Kind,
    string? Rule,
    string RequestedBy,
    AgentTier FromTier,
    AgentTier ToTier,
    string Reason,
    EscalationStatus Status,
    bool NeedsApproval,
    DateTimeOffset RequestedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionComment,
    DateTimeOffset? AnswerDueAt)
{
    public static EscalationView From(EscalationRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.CaseId, r.Kind, r.Rule, r.RequestedByName, r.FromTier, r.ToTier, r.Reason, r.Status, r.NeedsApproval,
            r.RequestedAt, r.DecidedByName, r.DecidedAt, r.DecisionComment, r.AnswerDueAt);
    }
}
