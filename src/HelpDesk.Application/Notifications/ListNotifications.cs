using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Notifications;

/// <summary>The caller's own notifications (SLA warnings and breaches, missed follow-ups), newest first, keyset-paged.</summary>
public static class ListNotifications
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>What a notification says once its case is above the reader's tier.</summary>
    public const string MovedOutOfReach = "A case you were told about has moved to a tier you cannot open.";

    /// <summary>Sent only to the agent a case moved away from; they keep a read-only view of it (issue 15).</summary>
    public const string HeldCaseNotice = "case.unassigned";

    public sealed record Query(string? Cursor = null, int PageSize = DefaultPageSize, bool UnreadOnly = false)
        : IQuery<NotificationPage>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Cursor).Must(c => string.IsNullOrEmpty(c) || KeysetCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start again from the first page.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, NotificationPage>
    {
        public async ValueTask<NotificationPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff have notifications.");
            var mine = db.Notifications.AsNoTracking().Where(n => n.AgentId == agentId);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);

            var page = query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
            if (KeysetCursor.TryDecode(query.Cursor, out var cursor))
            {
                page = page.Where(n => n.CreatedAt < cursor.At || (n.CreatedAt == cursor.At && n.Id.CompareTo(cursor.Id) < 0));
            }

            var rows = await page
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Take(query.PageSize + 1)
                .Select(n => new
                {
                    n.Id, n.Kind, n.Message, n.CaseId, n.CreatedAt, n.ReadAt,
                    CaseNumber = db.Cases.Where(c => c.Id == n.CaseId).Select(c => (long?)c.Number).FirstOrDefault(),
                    CaseTier = db.Cases.Where(c => c.Id == n.CaseId).Select(c => (AgentTier?)c.Tier).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);

            // A notification is read now, not when it was written: once its case moved above the reader's tier, its
            // text (subject, category) and the case it points to are that case's, so the reader gets a neutral line. Except the
            // notice to the agent it moved away from: they held it and keep a read-only view (GetHeldCase), so its link stays.
            var items = rows.Take(query.PageSize)
                .Select(r => r.CaseTier is { } tier && !CaseAccess.StaffMayOpen(user, tier) && r.Kind != HeldCaseNotice
                    ? new NotificationItem(r.Id, r.Kind, MovedOutOfReach, null, null, r.CreatedAt, r.ReadAt)
                    : new NotificationItem(
                        r.Id, r.Kind, r.Message, r.CaseId, r.CaseNumber is { } number ? CaseNumber.Format(number) : null, r.CreatedAt, r.ReadAt))
                .ToList();
            var next = rows.Count > query.PageSize ? new KeysetCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
            return new NotificationPage(items, next, unread);
        }
    }
}
