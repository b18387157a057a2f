using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Audit;

/// <summary>
/// The audit log for supervisors, newest first, keyset-paged. Filters: case number (<c>HD-000123</c>), actor
/// (part of the name or email), action prefix (<c>case.</c>, <c>macro.saved</c>), and a time range
/// (<see cref="Query.From"/> inclusive, <see cref="Query.To"/> exclusive).
/// </summary>
public static class SearchAudit
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public sealed record Query(
        string? CaseNumber = null,
        string? Actor = null,
        string? Action = null,
        DateTimeOffset? From = null,
        DateTimeOffset? To = null,
        string? Cursor = null,
        int PageSize = DefaultPageSize) : IQuery<Page<AuditEntry>>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.CaseNumber).Must(n => string.IsNullOrWhiteSpace(n) || Domain.Cases.CaseNumber.TryParse(n, out _))
                .WithMessage("Enter a case number like HD-000123.");
            RuleFor(q => q.Actor).MaximumLength(254).WithMessage("The actor must be 254 characters or fewer.");
            RuleFor(q => q.Action).MaximumLength(64).WithMessage("The action must be 64 characters or fewer.");
            RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From < to)
                .WithMessage("The end of the period must be after its start.");
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || AuditCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, Page<AuditEntry>>
    {
        public async ValueTask<Page<AuditEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            var events = db.AuditEvents.AsNoTracking();
            if (Domain.Cases.CaseNumber.TryParse(query.CaseNumber, out var number))
            {
                var caseId = await db.Cases.Where(c => c.Number == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
                if (caseId is null)
                {
                    return new Page<AuditEntry>([], null);
                }

                events = events.Where(a => a.CaseId == caseId);
            }

            if (!string.IsNullOrWhiteSpace(query.Actor))
            {
                var pattern = "%" + LikePattern.Escape(query.Actor.Trim().ToLowerInvariant()) + "%";
                events = events.Where(a => EF.Functions.Like(a.ActorName.ToLower(), pattern, LikePattern.EscapeCharacter));
            }

            if (!string.IsNullOrWhiteSpace(query.Action))
            {
                var action = query.Action.Trim().ToLowerInvariant();
                events = events.Where(a => a.Action.StartsWith(action));
            }

            if (query.From is { } from)
            {
                events = events.Where(a => a.OccurredAt >= from);
            }

            if (query.To is { } to)
            {
                events = events.Where(a => a.OccurredAt < to);
            }

            if (AuditCursor.TryDecode(query.Cursor, out var cursor))
            {
                events = events.Where(a => a.OccurredAt < cursor.At || (a.OccurredAt == cursor.At && a.Id < cursor.Id));
            }

            var rows = await events
                .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id)
                .Take(query.PageSize + 1)
                .Select(a => new
                {
                    Event = a,
                    Number = db.Cases.Where(c => c.Id == a.CaseId).Select(c => (long?)c.Number).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            var items = rows.Take(query.PageSize).Select(r => new AuditEntry(
                r.Event.Id, r.Event.OccurredAt, r.Event.ActorName, r.Event.ActorIp, r.Event.Action, r.Event.EntityType, r.Event.EntityId,
                r.Event.CaseId, r.Number is { } n ? Domain.Cases.CaseNumber.Format(n) : null, AuditChanges.Parse(r.Event.Data))).ToList();
            var next = rows.Count > query.PageSize ? new AuditCursor(items[^1].OccurredAt, items[^1].Id).Encode() : null;
            return new Page<AuditEntry>(items, next);
        }
    }
}

/// <summary>Opaque keyset cursor over (occurred at, id) of audit events, newest first.</summary>
public readonly record struct AuditCursor(DateTimeOffset At, long Id)
{
    public string Encode() => CursorText.Encode(At, Id.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? text, out AuditCursor cursor)
    {
        cursor = default;
        if (!CursorText.TryDecode(text, out var at, out var key) || !long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        cursor = new AuditCursor(at, id);
        return true;
    }
}
