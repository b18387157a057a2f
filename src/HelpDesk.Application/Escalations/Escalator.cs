using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Escalations;

/// <summary>
/// The automatic escalation rules, shared by the handlers that can trigger them: an SLA breach and too many reopens
/// move a case up one tier; a sensitive category sends it to Tier 3 as Urgent. Every move names its rule on the
/// timeline, in the audit log and on the escalation record.
/// </summary>
public sealed class Escalator(IHelpDeskDb db, IOptions<EscalationOptions> options)
{
    public const string SlaBreachRule = "sla-breach";
    public const string ReopenedRule = "reopened";
    public const string SensitiveRule = "sensitive-category";

    /// <summary>The lowest tier a sensitive-category case may sit at.</summary>
    public const AgentTier SensitiveTier = AgentTier.Tier3;

    public EscalationOptions Options => options.Value;

    /// <summary>Moves the case up one tier by <paramref name="rule"/>; nothing when it is already at Supervisor.</summary>
    public async Task<EscalationRequest?> EscalateOneTierAsync(Case @case, string rule, string reason, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.NextTier is not { } next || @case.Status is CaseStatus.Resolved or CaseStatus.Closed)
        {
            return null;
        }

        return await EscalateToAsync(@case, next, rule, reason, actor, now, cancellationToken);
    }

    /// <summary>Moves the case up to <paramref name="tier"/> by <paramref name="rule"/> (nothing if it is already there).</summary>
    public async Task<EscalationRequest?> EscalateToAsync(Case @case, AgentTier tier, string rule, string reason, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.Tier >= tier)
        {
            return null;
        }

        var before = new { @case.Tier, @case.Queue, @case.AssigneeId };
        @case.Escalate(tier, reason, null, now, rule);
        var request = EscalationRequest.Automatic(@case.Id, rule, before.Tier, tier, reason, now);
        db.EscalationRequests.Add(request);
        db.AuditEvents.Add(AuditEvent.Record(now, actor, "case.escalated", "escalation", request.Id.ToString(), @case.Id,
            AuditData.Of(("tier", before.Tier.ToString(), @case.Tier.ToString()), ("queue", before.Queue, @case.Queue),
                ("rule", null, rule), ("reason", null, reason), ("kind", null, nameof(EscalationKind.Automatic)))));
        await NotifySupervisorsAsync(@case.Id, "escalation.automatic",
            $"Case {@case.DisplayNumber} moved to {@case.Tier} by rule \"{rule}\": {reason}", null, now, cancellationToken);
        if (before.AssigneeId is { } holder && @case.AssigneeId is null)
        {
            db.Notifications.Add(Notification.Create(holder, @case.Id, "case.unassigned",
                $"Case {@case.DisplayNumber} moved to {Case.TierLabel(@case.Tier)} by rule \"{rule}\"; it is no longer with you, but you can still read it.", now));
        }

        return request;
    }

    /// <summary>
    /// A case that is (now) in a sensitive category: it goes to Tier 3 as Urgent and supervisors are told. Built-in
    /// sensitive categories are already placed there by routing; this records the rule on the timeline and the case's
    /// escalations. <paramref name="fromTier"/> is where the case would otherwise be (Tier 1 for a new case).
    /// </summary>
    public async Task OnSensitiveCategoryAsync(Case @case, AgentTier fromTier, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (!options.Value.IsSensitive(@case.Category))
        {
            return;
        }

        var reason = $"Sensitive category: {CaseCategories.Label(@case.Category)}.";
        @case.RaisePriorityByRule(CasePriority.Urgent, now);
        if (@case.Tier < SensitiveTier)
        {
            await EscalateToAsync(@case, SensitiveTier, SensitiveRule, reason, actor, now, cancellationToken);
            return;
        }

        if (fromTier >= @case.Tier)
        {
            return;
        }

        @case.NoteRule(SensitiveRule, $"{reason} The case went straight to {@case.Queue} as {@case.Priority}.", now);
        var request = EscalationRequest.Automatic(@case.Id, SensitiveRule, fromTier, @case.Tier, reason, now);
        db.EscalationRequests.Add(request);
        db.AuditEvents.Add(AuditEvent.Record(now, actor, "case.escalated", "escalation", request.Id.ToString(), @case.Id,
            AuditData.Of(("tier", fromTier.ToString(), @case.Tier.ToString()), ("queue", null, @case.Queue), ("rule", null, SensitiveRule),
                ("reason", null, reason), ("kind", null, nameof(EscalationKind.Automatic)))));
        await NotifySupervisorsAsync(@case.Id, "case.sensitive",
            $"Case {@case.DisplayNumber} is \"{CaseCategories.Label(@case.Category)}\": it went straight to {@case.Queue} as {@case.Priority}.", null, now, cancellationToken);
    }

    /// <summary>After a reopen: more reopens than the threshold move the case up one tier.</summary>
    public async Task<EscalationRequest?> AfterReopenAsync(Case @case, int reopenCountBefore, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.ReopenCount <= reopenCountBefore || @case.ReopenCount <= options.Value.ReopenThreshold)
        {
            return null;
        }

        return await EscalateOneTierAsync(@case, ReopenedRule,
            $"Reopened {@case.ReopenCount} times (more than {options.Value.ReopenThreshold}).", actor, now, cancellationToken);
    }

    public async Task NotifySupervisorsAsync(Guid caseId, string kind, string message, Guid? exceptAgentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var supervisors = await db.Agents.AsNoTracking().Where(a => a.Tier == AgentTier.Supervisor && a.Id != exceptAgentId)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var supervisor in supervisors)
        {
            db.Notifications.Add(Notification.Create(supervisor, caseId, kind, message, now));
        }
    }
}
