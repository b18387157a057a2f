using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Callbacks;

/// <summary>The callback queue for staff, in claim order (promised time, then priority), paged.</summary>
public static class ListCallbacks
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <param name="Status">Only this status; null: the open ones (waiting and claimed).</param>
    public sealed record Query(CallbackStatus? Status = null, int Page = 1, int PageSize = DefaultPageSize) : IQuery<Result>, IRequireStaff;

    public sealed record Item(
        Guid Id, Guid CaseId, string CaseNumber, string Phone, string Topic, CasePriority Priority, CallbackStatus Status,
        DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset DueAt, int AttemptCount, Guid? ClaimedById, bool Due);

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageSize, int Total);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("Pages are numbered from 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"The page size must be between 1 and {MaxPageSize}.");
            RuleFor(q => q.Status).IsInEnum().WithMessage("Unknown status. Use Waiting, Claimed, Completed, Cancelled or GivenUp.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var tiers = CaseAccess.TiersOpenTo(user);
            var now = clock.UtcNow;
            var rows = from cb in db.Callbacks.AsNoTracking()
                       join c in db.Cases on cb.CaseId equals c.Id
                       where tiers.Contains(c.Tier)
                       select new { cb, c.Number };
            rows = query.Status is { } status
                ? rows.Where(r => r.cb.Status == status)
                : rows.Where(r => r.cb.Status == CallbackStatus.Waiting || r.cb.Status == CallbackStatus.Claimed);
            var total = await rows.CountAsync(cancellationToken);
            var page = await rows
                .OrderBy(r => r.cb.DueAt)
                .ThenBy(r => r.cb.Priority == CasePriority.Urgent ? 0 : r.cb.Priority == CasePriority.High ? 1 : r.cb.Priority == CasePriority.Normal ? 2 : 3)
                .ThenBy(r => r.cb.CreatedAt)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ToListAsync(cancellationToken);
            var items = page.Select(r => new Item(
                r.cb.Id, r.cb.CaseId, CaseNumber.Format(r.Number), r.cb.Phone, r.cb.Topic, r.cb.Priority, r.cb.Status, r.cb.WindowStart, r.cb.WindowEnd,
                r.cb.DueAt, r.cb.AttemptCount, r.cb.ClaimedById, r.cb.Status == CallbackStatus.Waiting && r.cb.DueAt <= now)).ToList();
            return new Result(items, query.Page, query.PageSize, total);
        }
    }
}
