using HelpDesk.Application.Audit;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Email;
using HelpDesk.Application.Escalations;
using HelpDesk.Application.Incidents;
using HelpDesk.Application.Macros;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Cases;

/// <summary>
/// Everything the agent case page shows, read once (ADR 0117): the case with the subscriber context, its history, mail
/// in and out, credits, escalations, saved replies, the guest-chat warning, who it can be given to and the incidents
/// affecting the subscriber. The case is authorized once, inside the read (a case above the caller's tier is "not
/// found"); two statements in all — the case screen (<see cref="CaseReadModel"/>) and the open or recent incidents.
/// </summary>
public static class GetCaseWorkspace
{
    public sealed record Query(Guid CaseId) : IQuery<CaseWorkspace>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<OutboundEmailOptions> email)
        : IQueryHandler<Query, CaseWorkspace>
    {
        public async ValueTask<CaseWorkspace> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var read = await CaseReadModel.ReadAsync(
                db, user, query.CaseId, CaseReadModel.Parts.SubscriberContext | CaseReadModel.Parts.Workspace, now, cancellationToken);
            var details = read.ToDetails(staff: true, now);
            var c = read.Case;
            var number = CaseNumber.Format(c.Number);

            var supervisor = user.IsInRole(Roles.Supervisor);
            var history = read.Audit
                .Select(a => new AuditEntry(a.Id, a.OccurredAt, a.ActorName, supervisor ? a.ActorIp : null, a.Action, a.EntityType, a.EntityId, a.CaseId,
                    number, AuditChanges.Parse(a.Data)))
                .ToList();

            var emails = read.Emails
                .Select(m => new CaseEmailView(m.Id, m.InteractionId, m.FromAddress, m.FromName, m.Subject, m.ReceivedAt, m.HtmlBody, m.QuotedText,
                    m.Suspicious, m.Reason,
                    [.. read.Attachments.Where(a => a.InboundMessageId == m.Id).Select(a => new AttachmentView(
                        a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.IsInline, a.ContentId, a.DownloadOnly, a.RejectedReason))]))
                .ToList();
            var deliveries = new CaseEmails(
                email.Value.Smtp.IsConfigured || read.MailboxSmtp,
                read.Outbound.Select(o => OutboundEmailView.Of(o.Id, o.Kind, o.ToAddress, o.Subject, o.Status, o.Attempts, o.CreatedAt, o.SentAt,
                    o.NextAttemptAt, o.LastError, o.MessageId)).ToList(),
                read.Satisfaction);

            var mayReverse = user.Tier is { } tier && tier >= ReverseCredit.MinimumTier && tier >= c.Tier;
            var credits = new GetCaseCredits.Result(c.Id, GetCaseCredits.Lines(read.CreditRequests, read.CreditEntries, staff: true), mayReverse);

            // Same rule and order as ListAssignees: whoever holds it now, and the active staff eligible for its tier, skill and language.
            var assignees = read.Agents
                .Where(a => a.Id == c.AssigneeId || Agent.IsEligible(a.Tier, a.Skills, a.Languages, c.Tier, c.Category, c.Language))
                .OrderBy(a => a.Tier).ThenBy(a => a.FirstName, StringComparer.CurrentCulture).ThenBy(a => a.LastName, StringComparer.CurrentCulture)
                .Select(a => new ListAssignees.Option(a.Id, $"{a.FirstName} {a.LastName}".Trim(), a.Tier, a.ActiveCases, a.Capacity,
                    a.Id == c.AssigneeId, a.Id == user.AgentId))
                .ToList();

            IReadOnlyList<IncidentSummary> incidents = [];
            if (read.Subscriber is { } s)
            {
                var open = await IncidentMatching.OpenOrRecentAsync(db, now, openOnly: false, withUpdates: false, cancellationToken);
                incidents = GetCaseIncidents.Summaries(
                    IncidentMatching.Affecting(open, s.Country, s.Plan, read.Devices.Select(d => (d.Kind, d.AppVersion))));
            }

            return new CaseWorkspace(details, history, emails, deliveries, read.Macros, credits, read.Escalations, read.Guest, assignees, incidents);
        }
    }
}

/// <summary>The agent case page's data (<see cref="GetCaseWorkspace"/>).</summary>
/// <param name="Assignees">Staff the case can be given to; empty for a closed case.</param>
/// <param name="Incidents">Open and recent incidents affecting the case's subscriber.</param>
public sealed record CaseWorkspace(
    CaseDetails Case,
    IReadOnlyList<AuditEntry> History,
    IReadOnlyList<CaseEmailView> Emails,
    CaseEmails Deliveries,
    IReadOnlyList<MacroView> Macros,
    GetCaseCredits.Result Credits,
    IReadOnlyList<EscalationView> Escalations,
    GuestIdentityView? Guest,
    IReadOnlyList<ListAssignees.Option> Assignees,
    IReadOnlyList<IncidentSummary> Incidents);
