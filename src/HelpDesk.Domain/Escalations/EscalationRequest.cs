using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Escalations;

public enum EscalationKind
{
    /// <summary>An agent escalated (or asked to escalate) the case.</summary>
    AgentRequest,

    /// <summary>The subscriber asked for a supervisor; never blocked, the case moves at once.</summary>
    SubscriberAskedForSupervisor,

    /// <summary>A rule moved the case (<see cref="EscalationRequest.Rule"/> says which).</summary>
    Automatic,
}

public enum EscalationStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// One escalation of a case to a higher tier. Below the approval level (and for subscribers and rules) it is
/// <see cref="EscalationStatus.Approved"/> the moment it is made; at or above it the request waits for a supervisor,
/// who is never the requester.
/// </summary>
public sealed class EscalationRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxCommentLength = 1000;

    private EscalationRequest()
    {
        RequestedByName = Reason = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public EscalationKind Kind { get; private set; }

    /// <summary>The rule behind an automatic escalation (<c>sla-breach</c>, <c>reopened</c>, <c>sensitive-category</c>).</summary>
    public string? Rule { get; private set; }

    public Guid? RequestedByAgentId { get; private set; }
    public Guid? RequestedBySubscriberId { get; private set; }

    /// <summary>"Sam (Tier 1 agent)", the subscriber's first name, or "HelpDesk" for a rule.</summary>
    public string RequestedByName { get; private set; }

    public AgentTier FromTier { get; private set; }
    public AgentTier ToTier { get; private set; }
    public string Reason { get; private set; }
    public EscalationStatus Status { get; private set; }

    /// <summary>Whether a supervisor had to decide (false: applied at once).</summary>
    public bool NeedsApproval { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }
    public Guid? DecidedByAgentId { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionComment { get; private set; }

    /// <summary>When the subscriber who asked for a supervisor can expect an answer.</summary>
    public DateTimeOffset? AnswerDueAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint RowVersion { get; private set; }

    /// <summary>An agent escalates: pending when <paramref name="needsApproval"/>, else approved at once.</summary>
    public static EscalationRequest ByAgent(Guid caseId, Agent agent, string agentLabel, AgentTier from, AgentTier to, string reason, bool needsApproval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var request = New(caseId, EscalationKind.AgentRequest, from, to, reason, agentLabel, now);
        request.RequestedByAgentId = agent.Id;
        request.NeedsApproval = needsApproval;
        request.Status = needsApproval ? EscalationStatus.Pending : EscalationStatus.Approved;
        request.DecidedAt = needsApproval ? null : now;
        return request;
    }

    /// <summary>
    /// The subscriber asked for a supervisor: the case has already moved (nobody can block it); the request stays pending
    /// until a supervisor answers it, and records when the subscriber can expect that answer.
    /// </summary>
    public static EscalationRequest BySubscriber(Guid caseId, Guid subscriberId, string firstName, AgentTier from, string reason, DateTimeOffset answerDueAt, DateTimeOffset now)
    {
        var request = New(caseId, EscalationKind.SubscriberAskedForSupervisor, from, AgentTier.Supervisor, reason, firstName, now, mustRise: false);
        request.RequestedBySubscriberId = subscriberId;
        request.NeedsApproval = true;
        request.Status = EscalationStatus.Pending;
        request.AnswerDueAt = answerDueAt;
        return request;
    }

    /// <summary>A rule moved the case; applied at once.</summary>
    public static EscalationRequest Automatic(Guid caseId, string rule, AgentTier from, AgentTier to, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        var request = New(caseId, EscalationKind.Automatic, from, to, reason, "HelpDesk", now);
        request.Rule = rule;
        request.Status = EscalationStatus.Approved;
        request.DecidedAt = now;
        return request;
    }

    public bool WasRequestedBy(Agent agent) => agent is not null && RequestedByAgentId == agent.Id;

    /// <summary>A supervisor approves; never the requester.</summary>
    public void Approve(Agent approver, string approverLabel, string? comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        EnsureMayDecide(approver);
        Decide(EscalationStatus.Approved, approver, approverLabel, comment, now);
    }

    /// <summary>A supervisor rejects, saying why; never the requester.</summary>
    public void Reject(Agent approver, string approverLabel, string comment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(approver);
        EnsureMayDecide(approver);
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleException("escalation.rejection_needs_comment", "Say why the escalation is rejected; the person who asked will see it.");
        }

        Decide(EscalationStatus.Rejected, approver, approverLabel, comment, now);
    }

    private void EnsureMayDecide(Agent approver)
    {
        if (Status != EscalationStatus.Pending)
        {
            throw new DomainRuleException("escalation.already_decided",
                $"This escalation was already {Status.ToString().ToLowerInvariant()}{(DecidedByName is null ? string.Empty : " by " + DecidedByName)}.");
        }

        if (approver.Tier != AgentTier.Supervisor)
        {
            throw new DomainRuleException("escalation.not_supervisor", "Only a supervisor can decide an escalation.");
        }

        if (WasRequestedBy(approver))
        {
            throw new DomainRuleException("escalation.self_approval", "You asked for this escalation, so another supervisor must decide it.");
        }
    }

    private void Decide(EscalationStatus status, Agent approver, string approverLabel, string? comment, DateTimeOffset now)
    {
        Status = status;
        DecidedByAgentId = approver.Id;
        DecidedByName = approverLabel;
        DecidedAt = now;
        DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    // A subscriber may ask for a supervisor on a case the supervisors already hold: it still asks one to answer.
    private static EscalationRequest New(Guid caseId, EscalationKind kind, AgentTier from, AgentTier to, string reason, string by, DateTimeOffset now, bool mustRise = true)
    {
        reason = reason?.Trim() ?? string.Empty;
        if (reason.Length == 0)
        {
            throw new DomainRuleException("escalation.reason_required", "Say why the case needs a higher tier.");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new DomainRuleException("escalation.reason_too_long", $"Keep the reason to {MaxReasonLength} characters or fewer.");
        }

        if (mustRise && to <= from)
        {
            throw new DomainRuleException("escalation.not_higher", $"An escalation must go to a higher tier than {from}.");
        }

        return new EscalationRequest
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Kind = kind,
            FromTier = from,
            ToTier = to,
            Reason = reason,
            RequestedByName = by,
            RequestedAt = now,
        };
    }
}
