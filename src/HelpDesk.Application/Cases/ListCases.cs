using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// Cases, newest first, keyset-paged. Subscribers get their own; staff filter by status, queue and tier
/// and never see cases above their tier.
/// </summary>
public static class ListCases
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query(string? Status = null, string? Queue = null, string? Tier = null, string? Cursor = null, int PageSize = DefaultPageSize)
        : IQuery<Page<CaseSummary>>, IRequireSignedIn;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).Must(s => string.IsNullOrEmpty(s) || CaseInput.IsStatus(s))
                .WithMessage($"Unknown status. Use one of: {CaseInput.Names<CaseStatus>()}.");
            RuleFor(q => q.Tier).Must(t => string.IsNullOrEmpty(t) || CaseInput.IsTier(t))
                .WithMessage($"Unknown tier. Use one of: {CaseInput.Names<AgentTier>()}.");
            RuleFor(q => q.Queue).MaximumLength(64).WithMessage("The queue name is too long.");
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || KeysetCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Page<CaseSummary>>
    {
        public async ValueTask<Page<CaseSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var cases = db.Cases.AsNoTracking();
            if (user.IsStaff())
            {
                var tier = user.Tier ?? AgentTier.Tier1;
                cases = cases.Where(c => c.Tier <= tier);
                if (CaseInput.TryParse<AgentTier>(query.Tier, out var filterTier))
                {
                    cases = cases.Where(c => c.Tier == filterTier);
                }

                if (!string.IsNullOrWhiteSpace(query.Queue))
                {
                    cases = cases.Where(c => c.Queue == query.Queue);
                }
            }
            else if (user.IsSubscriber())
            {
                cases = cases.Where(c => c.SubscriberId == user.SubscriberId);
            }
            else
            {
                throw new ForbiddenException("Only subscribers and support staff can list cases.");
            }

            if (CaseInput.TryParse<CaseStatus>(query.Status, out var status))
            {
                cases = cases.Where(c => c.Status == status);
            }

            if (KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                cases = cases.Where(c => c.CreatedAt < cursor.At || (c.CreatedAt == cursor.At && c.Id.CompareTo(cursor.Id) < 0));
            }

            var staff = user.IsStaff();
            var rows = await cases
                .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                .Take(query.PageSize + 1)
                .Select(c => new
                {
                    c.Id, c.Number, c.Subject, c.Category, c.Priority, c.Status, c.Tier, c.Queue, c.CreatedAt, c.UpdatedAt,
                    AssigneeFirst = c.Assignee == null ? null : c.Assignee.FirstName,
                    AssigneeLast = c.Assignee == null ? null : c.Assignee.LastName,
                    AssigneeTier = c.Assignee == null ? (AgentTier?)null : c.Assignee.Tier,
                    SubscriberFirst = c.Subscriber!.FirstName,
                    SubscriberLast = c.Subscriber!.LastName,
                })
                .ToListAsync(cancellationToken);

            var items = rows.Take(query.PageSize).Select(r => new CaseSummary(
                r.Id, CaseNumber.Format(r.Number), r.Subject, r.Category, r.Priority, r.Status, CaseLifecycle.StageOf(r.Status), r.Tier, r.Queue,
                AssigneeName(r.AssigneeFirst, r.AssigneeLast, r.AssigneeTier, staff),
                $"{r.SubscriberFirst} {r.SubscriberLast}".Trim(), r.CreatedAt, r.UpdatedAt)).ToList();
            var next = rows.Count > query.PageSize ? new KeysetCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
            return new Page<CaseSummary>(items, next);
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
}
