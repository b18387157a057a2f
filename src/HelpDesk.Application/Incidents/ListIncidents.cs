using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Incidents for staff (every tier may look), newest first, keyset-paged; optionally only the open ones.</summary>
public static class ListIncidents
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record Query(string? Cursor = null, int PageSize = DefaultPageSize, bool OpenOnly = false) : IQuery<Page<IncidentSummary>>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || KeysetCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, Page<IncidentSummary>>
    {
        public async ValueTask<Page<IncidentSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var incidents = db.Incidents.AsNoTracking();
            if (query.OpenOnly)
            {
                incidents = incidents.Where(i => i.Status == IncidentStatus.Open);
            }

            if (KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                incidents = incidents.Where(i => i.DeclaredAt < cursor.At || (i.DeclaredAt == cursor.At && i.Id.CompareTo(cursor.Id) < 0));
            }

            var rows = await incidents
                .OrderByDescending(i => i.DeclaredAt).ThenByDescending(i => i.Id)
                .Take(query.PageSize + 1)
                .Select(i => new IncidentSummary(
                    i.Id, i.Title, i.Severity, i.Status, i.StartedAt, i.ExpectedEndAt, i.ResolvedAt, i.DeclaredAt,
                    db.IncidentCases.Count(l => l.IncidentId == i.Id)))
                .ToListAsync(cancellationToken);
            var items = rows.Take(query.PageSize).ToList();
            var next = rows.Count > query.PageSize ? new KeysetCursor(items[^1].DeclaredAt, items[^1].Id).Encode() : null;
            return new Page<IncidentSummary>(items, next);
        }
    }
}
