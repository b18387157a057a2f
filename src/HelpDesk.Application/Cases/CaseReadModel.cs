using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// One case screen in one SQL statement (ADR 0117): the case, its timeline, promises and links, and — by the parts asked
/// for — the subscriber context, the staff workspace (history, mail, credits, escalations, saved replies, assignees) or
/// the portal's extras. Each part is a correlated sub-select aggregated to JSON, so PostgreSQL answers the whole screen
/// in one round trip. Authorization is part of the statement: the case row is read only when the caller may open it
/// (staff: <see cref="CaseAccess.TiersOpenTo"/>; a subscriber: their own case, never an anonymous guest chat's), so
/// every sub-select hangs off a row the caller may see, and anything else reads as "not found".
/// </summary>
internal static class CaseReadModel
{
    [Flags]
    public enum Parts
    {
        /// <summary>The case, its timeline (public entries only for subscribers), promises and links.</summary>
        Case = 0,

        /// <summary>Staff: the subscriber context panel (plan, devices, payments, credits, other cases, open promises).</summary>
        SubscriberContext = 1,

        /// <summary>Staff: history, inbound and outbound mail, credits, escalations, saved replies, guest identity, assignees.</summary>
        Workspace = 2,

        /// <summary>The subscriber's credits on the case and their own requests for a supervisor.</summary>
        Portal = 4,
    }

    public const int PaymentsShown = 6;
    public const int PreviousCasesShown = 10;
    public const int CreditsShown = 20;
    public const int CreditMonths = 12;
    public const int AuditEventsShown = Audit.GetCaseAudit.MaxEvents;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter(), new UtcDateTimeOffsetConverter() },
    };

    /// <summary>Reads the case screen, or throws the uniform <see cref="NotFoundException.Case"/> when the caller may not open it.</summary>
    public static async Task<Document> ReadAsync(
        IHelpDeskDb db, ICurrentUser user, Guid caseId, Parts parts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var staff = user.IsStaff();
        string[] tiers = staff ? [.. CaseAccess.TiersOpenTo(user).Select(t => t.ToString())] : [];
        Guid? subscriber = !staff && user.IsSubscriber() ? user.SubscriberId : null;
        if (tiers.Length == 0 && subscriber is null)
        {
            throw NotFoundException.Case(caseId);
        }

        if (!staff)
        {
            parts &= ~(Parts.SubscriberContext | Parts.Workspace);
        }

        var sql = Sql(staff, parts);
        using var command = db.Database.GetDbConnection().CreateCommand();
        DbParameter Parameter(string name, object value)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            return p;
        }

        List<DbParameter> parameters = [Parameter("id", caseId), Parameter("staff", staff)];
        parameters.Add(staff ? Parameter("tiers", tiers) : Parameter("subscriber", subscriber!.Value));
        if (parts.HasFlag(Parts.SubscriberContext))
        {
            parameters.Add(Parameter("now", now));
            parameters.Add(Parameter("credits_since", now.AddMonths(-CreditMonths)));
        }

        var json = (await db.Database.SqlQueryRaw<string>(sql, [.. parameters]).ToListAsync(cancellationToken)).SingleOrDefault();
        return json is null
            ? throw NotFoundException.Case(caseId)
            : JsonSerializer.Deserialize<Document>(json, Json) ?? throw NotFoundException.Case(caseId);
    }

    private static string Sql(bool staff, Parts parts)
    {
        var select = new List<string> { CaseSql };
        if (parts.HasFlag(Parts.SubscriberContext))
        {
            select.Add(SubscriberContextSql);
        }

        if (parts.HasFlag(Parts.Workspace))
        {
            select.Add(WorkspaceSql);
        }

        if (parts.HasFlag(Parts.Workspace) || parts.HasFlag(Parts.Portal))
        {
            select.Add(CreditsAndEscalationsSql);
        }

        // The caller's right to open the case is the row filter: nothing below is read for a case they may not open.
        var access = staff
            ? "c.tier = ANY(@tiers)"
            : "c.subscriber_id = @subscriber AND NOT EXISTS (SELECT 1 FROM chat_conversations ch WHERE ch.case_id = c.id AND ch.is_guest AND ch.claimed_at IS NULL)";
        return $"""
            SELECT json_build_object(
            {string.Join(",\n", select)}
            )::text AS "Value"
            FROM cases c
            WHERE c.id = @id AND {access}
            """;
    }

    private const string CaseSql = """
        'case', (SELECT row_to_json(x) FROM (SELECT c.id, c.number, c.subject, c.category, c.priority, c.status, c.tier, c.queue, c.channel,
                c.language, c.subscriber_id, c.assignee_id, c.created_at, c.updated_at, c.resolved_at, c.response_due_at, c.first_responded_at,
                c.response_sla, c.resolution_due_at, c.resolution_sla, c.sla_paused_at, c.previous_case_id, c.merged_into_id) x),
        'assignee', (SELECT row_to_json(x) FROM (SELECT a.first_name, a.last_name, a.tier FROM agents a WHERE a.id = c.assignee_id) x),
        'timeline', (SELECT coalesce(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM (
                SELECT i.id, i.case_id, i.author_kind, i.author_name, i.visibility, i.direction, i.channel, i.body, i.explanation, i.created_at
                FROM interactions i WHERE i.case_id = c.id AND (@staff OR i.visibility = 'Public')) x),
        'follow_ups', (SELECT coalesce(json_agg(x ORDER BY x.due_at), '[]') FROM (
                SELECT f.id, f.due_at, f.agent_name, f.note FROM follow_ups f WHERE f.case_id = c.id AND f.status = 'Pending') x),
        'links', (SELECT coalesce(json_agg(x ORDER BY x.created_at), '[]') FROM (
                SELECT l.id, l.number, l.previous_case_id, l.created_at FROM cases l
                WHERE l.subscriber_id = c.subscriber_id AND (l.id = c.previous_case_id OR l.id = c.merged_into_id OR l.previous_case_id = c.id)) x)
        """;

    // Only what the viewer's tiers may open (credits on, and cases at, a higher tier are left out).
    private static readonly string SubscriberContextSql = $"""
        'subscriber', (SELECT row_to_json(x) FROM (SELECT s.id, s.first_name, s.last_name, s.email, s.plan, s.monthly_price, s.billing_currency,
                s.country, s.language, s.time_zone, s.member_since FROM subscribers s WHERE s.id = c.subscriber_id) x),
        'devices', (SELECT coalesce(json_agg(x ORDER BY x.last_seen_at DESC), '[]') FROM (
                SELECT d.kind, d.name, d.app_version, d.last_seen_at FROM subscriber_devices d WHERE d.subscriber_id = c.subscriber_id) x),
        'payments', (SELECT coalesce(json_agg(x ORDER BY x.at DESC, x.id DESC), '[]') FROM (
                SELECT p.id, p.amount, p.currency, p.status, p.method, p.at FROM subscriber_payments p WHERE p.subscriber_id = c.subscriber_id
                ORDER BY p.at DESC, p.id DESC LIMIT {PaymentsShown}) x),
        'credits', (SELECT coalesce(json_agg(x ORDER BY x.at DESC, x.id DESC), '[]') FROM (
                SELECT e.id, e.kind, e.amount, e.currency, e.reason_code, e.note, e.issued_by_name AS issued_by, e.case_id, e.created_at AS at
                FROM credit_entries e
                WHERE e.subscriber_id = c.subscriber_id AND e.created_at >= @credits_since
                  AND (e.case_id IS NULL OR EXISTS (SELECT 1 FROM cases k WHERE k.id = e.case_id AND k.tier = ANY(@tiers)))
                ORDER BY e.created_at DESC, e.id DESC LIMIT {CreditsShown}) x),
        'credit_totals', (SELECT coalesce(json_agg(x ORDER BY x.currency), '[]') FROM (
                SELECT e.currency, sum(e.amount) AS amount FROM credit_entries e
                WHERE e.subscriber_id = c.subscriber_id AND e.created_at >= @credits_since
                  AND (e.case_id IS NULL OR EXISTS (SELECT 1 FROM cases k WHERE k.id = e.case_id AND k.tier = ANY(@tiers)))
                GROUP BY e.currency) x),
        'previous_count', (SELECT count(*) FROM cases k WHERE k.subscriber_id = c.subscriber_id AND k.id <> c.id AND k.tier = ANY(@tiers)),
        'previous_cases', (SELECT coalesce(json_agg(x ORDER BY x.created_at DESC, x.id DESC), '[]') FROM (
                SELECT k.id, k.number, k.subject, k.status, k.tier, k.created_at, k.resolved_at, k.closed_at,
                       (SELECT m.number FROM cases m WHERE m.id = k.merged_into_id) AS merged_into_number
                FROM cases k WHERE k.subscriber_id = c.subscriber_id AND k.id <> c.id AND k.tier = ANY(@tiers)
                ORDER BY k.created_at DESC, k.id DESC LIMIT {PreviousCasesShown}) x),
        'open_follow_ups', (SELECT coalesce(json_agg(x ORDER BY x.due_at), '[]') FROM (
                SELECT k.id AS case_id, k.number, f.due_at, f.agent_name, f.note, f.due_at <= @now AS overdue
                FROM follow_ups f JOIN cases k ON k.id = f.case_id
                WHERE f.status = 'Pending' AND k.subscriber_id = c.subscriber_id AND k.tier = ANY(@tiers)) x)
        """;

    private static readonly string WorkspaceSql = $"""
        'audit', (SELECT coalesce(json_agg(x ORDER BY x.occurred_at, x.id), '[]') FROM (
                SELECT a.id, a.occurred_at, a.actor_name, a.actor_ip, a.action, a.entity_type, a.entity_id, a.case_id, a.data::text AS data
                FROM audit_events a WHERE a.case_id = c.id ORDER BY a.occurred_at DESC, a.id DESC LIMIT {AuditEventsShown}) x),
        'emails', (SELECT coalesce(json_agg(x ORDER BY x.received_at), '[]') FROM (
                SELECT m.id, m.interaction_id, m.from_address, m.from_name, m.subject, m.received_at, m.html_body, m.quoted_text, m.suspicious, m.reason
                FROM inbound_emails m WHERE m.case_id = c.id) x),
        'attachments', (SELECT coalesce(json_agg(x ORDER BY x.created_at), '[]') FROM (
                SELECT t.id, t.case_id, t.inbound_message_id, t.file_name, t.content_type, t.size, t.is_inline, t.content_id, t.download_only,
                       t.rejected_reason, t.created_at
                FROM case_attachments t WHERE t.case_id = c.id) x),
        'outbound', (SELECT coalesce(json_agg(x ORDER BY x.created_at DESC, x.id DESC), '[]') FROM (
                SELECT o.id, o.kind, o.to_address, o.subject, o.status, o.attempts, o.created_at, o.sent_at, o.next_attempt_at, o.last_error, o.message_id
                FROM outbound_emails o WHERE o.case_id = c.id) x),
        'satisfaction', (SELECT row_to_json(x) FROM (
                SELECT v.answered_at IS NOT NULL AS answered, v.rating, v.comment, v.answered_at FROM satisfaction_surveys v WHERE v.case_id = c.id LIMIT 1) x),
        'mailbox_smtp', EXISTS (SELECT 1 FROM mailboxes mb WHERE mb.enabled AND mb.smtp_host <> ''),
        'macros', (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (
                SELECT mc.id, mc.name, mc.body, mc.explanation, mc.is_active, mc.updated_at FROM macros mc WHERE mc.is_active) x),
        'credit_requests', (SELECT coalesce(json_agg(x), '[]') FROM (
                SELECT r.id, r.status, r.amount, r.currency, r.reason_code, r.note, r.requested_by_name, r.requested_at, r.approval_reason,
                       r.decided_by_name, r.decided_at, r.decision_comment
                FROM credit_requests r WHERE r.case_id = c.id) x),
        'guest', (SELECT row_to_json(x) FROM (
                SELECT coalesce(g.guest_email, '') AS email, s.user_id IS NOT NULL AS email_matches_account
                FROM chat_conversations g JOIN subscribers s ON s.id = g.subscriber_id
                WHERE g.case_id = c.id AND g.is_guest ORDER BY g.created_at DESC LIMIT 1) x),
        'agents', (SELECT coalesce(json_agg(x), '[]') FROM (
                SELECT a.id, a.first_name, a.last_name, a.tier, a.skills, a.languages, a.capacity, coalesce(w.active_cases, 0) AS active_cases
                FROM agents a LEFT JOIN agent_workloads w ON w.agent_id = a.id
                WHERE a.deactivated_at IS NULL AND c.status <> 'Closed') x)
        """;

    // Subscribers see only what was credited (the mapping drops notes) and only their own requests for a supervisor.
    private const string CreditsAndEscalationsSql = """
        'credit_entries', (SELECT coalesce(json_agg(x), '[]') FROM (
                SELECT e.id, e.kind, e.amount, e.currency, e.reason_code, e.note, e.issued_by_name, e.created_at, e.credit_request_id, e.reverses_id
                FROM credit_entries e WHERE e.case_id = c.id) x),
        'escalations', (SELECT coalesce(json_agg(x ORDER BY x.requested_at, x.id), '[]') FROM (
                SELECT r.id, r.case_id, r.kind, r.rule, r.requested_by_name AS requested_by, r.from_tier, r.to_tier, r.reason, r.status,
                       r.needs_approval, r.requested_at, r.decided_by_name AS decided_by, r.decided_at, r.decision_comment, r.answer_due_at
                FROM escalation_requests r WHERE r.case_id = c.id AND (@staff OR r.kind = 'SubscriberAskedForSupervisor')) x)
        """;

    /// <summary>The statement's answer; which members are filled depends on the parts asked for.</summary>
    internal sealed class Document
    {
        public CaseRow Case { get; init; } = null!;
        public AgentName? Assignee { get; init; }
        public List<TimelineEntry> Timeline { get; init; } = [];
        public List<PendingFollowUp> FollowUps { get; init; } = [];
        public List<LinkRow> Links { get; init; } = [];

        public SubscriberRow? Subscriber { get; init; }
        public List<DeviceView> Devices { get; init; } = [];
        public List<PaymentView> Payments { get; init; } = [];
        public List<CreditView> Credits { get; init; } = [];
        public List<MoneyTotal> CreditTotals { get; init; } = [];
        public int PreviousCount { get; init; }
        public List<PreviousRow> PreviousCases { get; init; } = [];
        public List<OpenFollowUpRow> OpenFollowUps { get; init; } = [];

        public List<AuditRow> Audit { get; init; } = [];
        public List<InboundRow> Emails { get; init; } = [];
        public List<AttachmentRow> Attachments { get; init; } = [];
        public List<OutboundRow> Outbound { get; init; } = [];
        public Email.SatisfactionView? Satisfaction { get; init; }
        public bool MailboxSmtp { get; init; }
        public List<Macros.MacroView> Macros { get; init; } = [];
        public List<Credits.GetCaseCredits.RequestRow> CreditRequests { get; init; } = [];
        public List<Credits.GetCaseCredits.EntryRow> CreditEntries { get; init; } = [];
        public List<Escalations.EscalationView> Escalations { get; init; } = [];
        public Chat.GuestIdentityView? Guest { get; init; }
        public List<AgentRow> Agents { get; init; } = [];

        /// <summary>The case as <see cref="GetCase"/> returns it: everything for staff (with the context when read), the public part for its subscriber.</summary>
        public CaseDetails ToDetails(bool staff, DateTimeOffset now)
        {
            var c = Case;
            CaseLink? Link(Guid? id) => Links.Where(l => l.Id == id).Select(l => new CaseLink(l.Id, CaseNumber.Format(l.Number))).FirstOrDefault();
            var followOns = Links.Where(l => l.PreviousCaseId == c.Id).Select(l => new CaseLink(l.Id, CaseNumber.Format(l.Number))).ToList();

            // Subscribers see who holds the case as first name and role only.
            var assignee = Assignee is not { } a ? null : staff ? $"{a.FirstName} {a.LastName}".Trim() : Domain.Cases.Case.AgentLabel(a.FirstName, a.Tier);
            var owed = c.Status is not (CaseStatus.Resolved or CaseStatus.Closed or CaseStatus.PendingSubscriber) ? c.ResponseDueAt : null;
            var sla = new CaseSlaView(owed, c.FirstRespondedAt is null, owed <= now, staff ? c.ResponseSla : null, staff ? c.ResolutionDueAt : null,
                staff ? c.ResolutionSla : null, c.SlaPausedAt);
            return new CaseDetails(
                c.Id, CaseNumber.Format(c.Number), c.Subject, c.Category, CaseCategories.Label(c.Category), c.Priority, c.Status, CaseLifecycle.StageOf(c.Status),
                c.Tier, c.Queue, c.Channel, assignee, c.CreatedAt, c.UpdatedAt, c.ResolvedAt, Timeline, staff ? Context(now) : null, sla, FollowUps,
                Link(c.PreviousCaseId), Link(c.MergedIntoId), followOns);
        }

        private SubscriberContext? Context(DateTimeOffset now)
        {
            if (Subscriber is not { } s)
            {
                return null;
            }

            var previous = PreviousCases.Select(p => new PreviousCaseView(
                    p.Id, CaseNumber.Format(p.Number), p.Subject, p.Status, p.Tier, p.CreatedAt, p.ResolvedAt, p.ClosedAt,
                    p.MergedIntoNumber is { } merged ? CaseNumber.Format(merged) : null))
                .ToList();
            var followUps = OpenFollowUps
                .Select(f => new OpenFollowUpView(f.CaseId, CaseNumber.Format(f.Number), f.DueAt, f.AgentName, f.Note, f.Overdue))
                .ToList();
            return new SubscriberContext(
                s.Id, $"{s.FirstName} {s.LastName}".Trim(), s.Email, s.Plan.ToString(), s.MonthlyPrice, s.BillingCurrency, s.Country, s.Language,
                s.TimeZone, s.MemberSince, TenureMonths(s.MemberSince, now), Devices, Payments, Credits, CreditTotals,
                previous, PreviousCount, followUps);
        }
    }

    internal sealed record CaseRow(
        Guid Id, long Number, string Subject, CaseCategory Category, CasePriority Priority, CaseStatus Status, AgentTier Tier, string Queue,
        Channel Channel, string Language, Guid SubscriberId, Guid? AssigneeId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        DateTimeOffset? ResolvedAt, DateTimeOffset? ResponseDueAt, DateTimeOffset? FirstRespondedAt, SlaState ResponseSla,
        DateTimeOffset? ResolutionDueAt, SlaState ResolutionSla, DateTimeOffset? SlaPausedAt, Guid? PreviousCaseId, Guid? MergedIntoId);

    internal sealed record AgentName(string FirstName, string LastName, AgentTier Tier);

    internal sealed record LinkRow(Guid Id, long Number, Guid? PreviousCaseId);

    internal sealed record SubscriberRow(
        Guid Id, string FirstName, string LastName, string Email, SubscriptionPlan Plan, decimal MonthlyPrice, string BillingCurrency,
        string Country, string Language, string TimeZone, DateTimeOffset MemberSince);

    internal sealed record PreviousRow(
        Guid Id, long Number, string? Subject, CaseStatus Status, AgentTier Tier, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt,
        DateTimeOffset? ClosedAt, long? MergedIntoNumber);

    internal sealed record OpenFollowUpRow(Guid CaseId, long Number, DateTimeOffset DueAt, string AgentName, string? Note, bool Overdue);

    internal sealed record AuditRow(
        long Id, DateTimeOffset OccurredAt, string ActorName, string? ActorIp, string Action, string EntityType, string EntityId, Guid? CaseId, string? Data);

    internal sealed record InboundRow(
        Guid Id, Guid? InteractionId, string? FromAddress, string? FromName, string Subject, DateTimeOffset ReceivedAt, string? HtmlBody,
        string QuotedText, bool Suspicious, string Reason);

    internal sealed record AttachmentRow(
        Guid Id, Guid CaseId, Guid? InboundMessageId, string FileName, string ContentType, long Size, bool IsInline, string? ContentId,
        bool DownloadOnly, string? RejectedReason);

    internal sealed record OutboundRow(
        Guid Id, OutboundEmailKind Kind, string ToAddress, string Subject, OutboundEmailStatus Status, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError, string MessageId);

    internal sealed record AgentRow(
        Guid Id, string FirstName, string LastName, AgentTier Tier, List<string> Skills, List<string> Languages, int Capacity, int ActiveCases);

    /// <summary>Whole calendar months from <paramref name="since"/> to <paramref name="now"/>.</summary>
    internal static int TenureMonths(DateTimeOffset since, DateTimeOffset now)
    {
        if (now <= since)
        {
            return 0;
        }

        var months = ((now.Year - since.Year) * 12) + now.Month - since.Month;
        if (now.Day < since.Day || (now.Day == since.Day && now.TimeOfDay < since.TimeOfDay))
        {
            months--;
        }

        return Math.Max(0, months);
    }

    /// <summary>PostgreSQL writes <c>timestamptz</c> in the session's time zone; the app works in UTC.</summary>
    private sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
