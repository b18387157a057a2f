using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Search;
using HelpDesk.Domain.Agents;
using System.Linq.Expressions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// Cases, newest first, keyset-paged. Subscribers get their own; staff filter by status, queue, tier,
/// priority, assignee, SLA standing and words, and never see cases above their tier. Filters apply before
/// the cursor, so every page of a filtered list holds only matching cases, each once.
/// </summary>
public static class ListCases
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>Assignee filter values besides an agent id.</summary>
    public const string AssignedToMe = "me";
    public const string Unassigned = "unassigned";

    /// <param name="Assignee"><c>me</c>, <c>unassigned</c>, or an agent's id (staff only).</param>
    /// <param name="Sla"><c>ok</c>, <c>warning</c>, <c>breached</c> or <c>paused</c> (staff only).</param>
    /// <param name="Text">Words to find in the subject or messages (full-text, with stemming).</param>
    public sealed record Query(
        string? Status = null,
        string? Queue = null,
        string? Tier = null,
        string? Cursor = null,
        int PageSize = DefaultPageSize,
        string? Priority = null,
        string? Assignee = null,
        string? Sla = null,
        string? Text = null)
        : IQuery<Page<CaseSummary>>, IRequireSignedIn;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => string.IsNullOrEmpty(s) || CaseInput.IsStatus(s))
                .WithMessage($"Unknown status. Use one of: {CaseInput.Names<CaseStatus>()}.");
            RuleFor(q => q.Tier).Must(t => string.IsNullOrEmpty(t) || CaseInput.IsTier(t))
                .WithMessage($"Unknown tier. Use one of: {CaseInput.Names<AgentTier>()}.");
            RuleFor(q => q.Priority).Must(p => string.IsNullOrEmpty(p) || CaseInput.TryParse<CasePriority>(p, out _))
                .WithMessage($"Unknown priority. Use one of: {CaseInput.Names<CasePriority>()}.");
            RuleFor(q => q.Assignee).Must(a => string.IsNullOrEmpty(a) || AssigneeFilter.TryParse(a, out _))
                .WithMessage($"Unknown assignee. Use \"{AssignedToMe}\", \"{Unassigned}\" or an agent's id.");
            RuleFor(q => q.Sla).Must(s => string.IsNullOrEmpty(s) || SlaStandings.TryParse(s, out _))
                .WithMessage($"Unknown SLA state. Use one of: {CaseInput.Names<SlaStanding>()}.");
            RuleFor(q => q.Queue).MaximumLength(64).WithMessage("The queue name is too long.");
            RuleFor(q => q.Text).Cascade(CascadeMode.Stop)
                .Must(t => SearchText.Normalize(t).Length >= SearchCases.MinLength).WithMessage($"Type at least {SearchCases.MinLength} characters to search for.")
                .Must(t => SearchText.Normalize(t).Length <= SearchCases.MaxLength).WithMessage($"Search for at most {SearchCases.MaxLength} characters.")
                .Must(SearchText.HasWord).WithMessage("Type at least one word or number to search for, not only quotes or operators.")
                .When(q => !string.IsNullOrWhiteSpace(q.Text));
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || KeysetCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, ICaseSearch search) : IQueryHandler<Query, Page<CaseSummary>>
    {
        public async ValueTask<Page<CaseSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var staff = user.IsStaff();
            if (IsQueueFirstPage(query, staff) && db is DbContext context)
            {
                var first = new List<Row>(query.PageSize + 1);
                await foreach (var row in QueueFirstPage(context, CaseAccess.TiersOpenTo(user).ToArray(), query.Queue!, query.PageSize + 1).WithCancellation(cancellationToken))
                {
                    first.Add(row);
                }

                return Paged(first, query, staff, now);
            }

            var cases = db.Cases.AsNoTracking();
            if (staff)
            {
                cases = ApplyStaffFilters(cases, query, now);
            }
            else if (user.IsSubscriber())
            {
                cases = cases.OwnedThroughAccount(db, user.SubscriberId);
            }
            else
            {
                throw new ForbiddenException("Only subscribers and support staff can list cases.");
            }

            if (CaseInput.TryParse<CaseStatus>(query.Status, out var status))
            {
                cases = cases.Where(c => c.Status == status);
            }

            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                // Subscribers' words never match internal notes: that would tell them what the notes say.
                var matching = search.MatchingCaseIds(SearchText.Normalize(query.Text), includeInternal: staff);
                cases = cases.Where(c => matching.Contains(c.Id));
            }

            if (KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                cases = cases.Where(c => c.CreatedAt < cursor.At || (c.CreatedAt == cursor.At && c.Id.CompareTo(cursor.Id) < 0));
            }

            var rows = await cases
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(query.PageSize + 1)
                .Select(Projection)
                .ToListAsync(cancellationToken);
            return Paged(rows, query, staff, now);
        }

        /// <summary>
        /// A staff member's first page of one queue, nothing else filtered: the queue screen and the most asked list.
        /// The same statement as the general path below, compiled once instead of built and looked up on every request.
        /// </summary>
        private static bool IsQueueFirstPage(Query query, bool staff) =>
            staff && !string.IsNullOrWhiteSpace(query.Queue) && string.IsNullOrEmpty(query.Status) && string.IsNullOrEmpty(query.Tier)
            && string.IsNullOrEmpty(query.Priority) && string.IsNullOrEmpty(query.Assignee) && string.IsNullOrEmpty(query.Sla)
            && string.IsNullOrWhiteSpace(query.Text) && string.IsNullOrEmpty(query.Cursor);

        private static Page<CaseSummary> Paged(List<Row> rows, Query query, bool staff, DateTimeOffset now)
        {
            var items = rows.Take(query.PageSize).Select(r => new CaseSummary(
                r.Id, CaseNumber.Format(r.Number), r.Subject, r.Category, r.Priority, r.Status, CaseLifecycle.StageOf(r.Status), r.Tier, r.Queue,
                AssigneeName(r.AssigneeFirst, r.AssigneeLast, r.AssigneeTier, staff),
                $"{r.SubscriberFirst} {r.SubscriberLast}".Trim(), r.CreatedAt, r.UpdatedAt,
                SlaStandings.Of(r.ResponseSla, r.ResolutionSla, r.ResponseDueAt, r.ResponseWarnAt, r.ResolutionDueAt, r.ResolutionWarnAt, r.SlaPausedAt, now),
                SlaStandings.DueAt(r.ResponseDueAt, r.ResolutionDueAt))).ToList();
            var next = rows.Count > query.PageSize ? new KeysetCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
            return new Page<CaseSummary>(items, next);
        }

        /// <summary>What a list row reads: one expression, shared by the compiled and the composed statement.</summary>
        private static readonly Expression<Func<Case, Row>> Projection = c => new Row
        {
            Id = c.Id, Number = c.Number, Subject = c.Subject, Category = c.Category, Priority = c.Priority, Status = c.Status, Tier = c.Tier,
            Queue = c.Queue, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt,
            AssigneeFirst = c.Assignee == null ? null : c.Assignee.FirstName,
            AssigneeLast = c.Assignee == null ? null : c.Assignee.LastName,
            AssigneeTier = c.Assignee == null ? (AgentTier?)null : c.Assignee.Tier,
            SubscriberFirst = c.Subscriber!.FirstName,
            SubscriberLast = c.Subscriber!.LastName,
            ResponseSla = c.ResponseSla, ResolutionSla = c.ResolutionSla, ResponseDueAt = c.ResponseDueAt, ResponseWarnAt = c.ResponseWarnAt,
            ResolutionDueAt = c.ResolutionDueAt, ResolutionWarnAt = c.ResolutionWarnAt, SlaPausedAt = c.SlaPausedAt,
        };

        private static readonly Func<DbContext, AgentTier[], string, int, IAsyncEnumerable<Row>> QueueFirstPage = CompileQueueFirstPage();

        private static Func<DbContext, AgentTier[], string, int, IAsyncEnumerable<Row>> CompileQueueFirstPage()
        {
            // The filters of ApplyStaffFilters for a queue, then the order and page of Handle, then Projection.
            Expression<Func<DbContext, AgentTier[], string, int, IQueryable<Case>>> page = (db, tiers, queue, take) => db.Set<Case>().AsNoTracking()
                .Where(c => tiers.Contains(c.Tier)).Where(c => c.Queue == queue)
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(take);
            var select = Expression.Call(typeof(Queryable), nameof(Queryable.Select), [typeof(Case), typeof(Row)], page.Body, Expression.Quote(Projection));
            return EF.CompileAsyncQuery(Expression.Lambda<Func<DbContext, AgentTier[], string, int, IQueryable<Row>>>(select, page.Parameters));
        }

        private sealed class Row
        {
            public Guid Id { get; init; }
            public long Number { get; init; }
            public string Subject { get; init; } = string.Empty;
            public CaseCategory Category { get; init; }
            public CasePriority Priority { get; init; }
            public CaseStatus Status { get; init; }
            public AgentTier Tier { get; init; }
            public string Queue { get; init; } = string.Empty;
            public DateTimeOffset CreatedAt { get; init; }
            public DateTimeOffset UpdatedAt { get; init; }
            public string? AssigneeFirst { get; init; }
            public string? AssigneeLast { get; init; }
            public AgentTier? AssigneeTier { get; init; }
            public string? SubscriberFirst { get; init; }
            public string? SubscriberLast { get; init; }
            public SlaState ResponseSla { get; init; }
            public SlaState ResolutionSla { get; init; }
            public DateTimeOffset? ResponseDueAt { get; init; }
            public DateTimeOffset? ResponseWarnAt { get; init; }
            public DateTimeOffset? ResolutionDueAt { get; init; }
            public DateTimeOffset? ResolutionWarnAt { get; init; }
            public DateTimeOffset? SlaPausedAt { get; init; }
        }

        private IQueryable<Case> ApplyStaffFilters(IQueryable<Case> cases, Query query, DateTimeOffset now)
        {
            var tiers = CaseAccess.TiersOpenTo(user);
            cases = cases.Where(c => tiers.Contains(c.Tier));
            if (CaseInput.TryParse<AgentTier>(query.Tier, out var filterTier))
            {
                cases = cases.Where(c => c.Tier == filterTier);
            }

            if (!string.IsNullOrWhiteSpace(query.Queue))
            {
                cases = cases.Where(c => c.Queue == query.Queue);
            }

            if (CaseInput.TryParse<CasePriority>(query.Priority, out var priority))
            {
                cases = cases.Where(c => c.Priority == priority);
            }

            if (AssigneeFilter.TryParse(query.Assignee, out var assignee))
            {
                var agentId = assignee.Me ? user.AgentId : assignee.AgentId;
                cases = assignee.Unassigned ? cases.Where(c => c.AssigneeId == null) : cases.Where(c => c.AssigneeId == agentId);
            }

            if (SlaStandings.TryParse(query.Sla, out var standing))
            {
                cases = cases.Where(SlaStandings.Is(standing, now));
            }

            return cases;
        }

        private static string? AssigneeName(string? first, string? last, AgentTier? tier, bool staff)
        {
            if (first is null || tier is null)
            {
                return null;
            }

            return staff ? $"{first} {last}".Trim() : Case.AgentLabel(Domain.Agents.Agent.Create(string.Empty, string.Empty, first, string.Empty, tier.Value));
        }
    }

    /// <summary>The assignee filter: the caller, nobody, or one agent.</summary>
    public readonly record struct AssigneeFilter(bool Me, bool Unassigned, Guid? AgentId)
    {
        public static bool TryParse(string? text, out AssigneeFilter filter)
        {
            filter = default;
            var value = text?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return false;
            }

            if (string.Equals(value, AssignedToMe, StringComparison.OrdinalIgnoreCase))
            {
                filter = new AssigneeFilter(true, false, null);
            }
            else if (string.Equals(value, ListCases.Unassigned, StringComparison.OrdinalIgnoreCase))
            {
                filter = new AssigneeFilter(false, true, null);
            }
            else if (Guid.TryParse(value, out var id))
            {
                filter = new AssigneeFilter(false, false, id);
            }
            else
            {
                return false;
            }

            return true;
        }
    }
}
