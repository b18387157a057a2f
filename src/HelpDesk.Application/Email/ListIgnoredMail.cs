using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>
/// The ignored-mail view: every inbound email that opened or joined no case (auto-reply, bounce, list mail, loop,
/// unreadable, not an email, too large, failed), filterable by reason, mailbox and date, newest first (staff).
/// </summary>
public static class ListIgnoredMail
{
    public const int MaxPageSize = 200;

    /// <param name="From">Received on or after this moment.</param>
    /// <param name="To">Received before this moment.</param>
    public sealed record Query(
        IgnoredReason? Reason = null, Guid? MailboxId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 50)
        : IQuery<IgnoredMailPage>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("The page number starts at 1.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"A page holds 1 to {MaxPageSize} messages.");
            RuleFor(q => q.Reason).IsInEnum().WithMessage("Unknown reason.");
            RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
                .WithMessage("The end of the period must be after its start.");
        }
    }

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IgnoredMailPage>
    {
        public async ValueTask<IgnoredMailPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = db.InboundMessages.AsNoTracking().Where(m => m.IgnoredReason != null);
            if (query.Reason is { } reason)
            {
                rows = rows.Where(m => m.IgnoredReason == reason);
            }

            if (query.MailboxId is { } mailbox)
            {
                rows = rows.Where(m => m.MailboxId == mailbox);
            }

            if (query.From is { } from)
            {
                rows = rows.Where(m => m.ReceivedAt >= from);
            }

            if (query.To is { } to)
            {
                rows = rows.Where(m => m.ReceivedAt < to);
            }

            var total = await rows.CountAsync(cancellationToken);
            var items = await rows
                .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Select(m => new
                {
                    Row = new IgnoredMailModel(
                        m.Id, m.ReceivedAt, m.IgnoredReason!.Value, m.Reason,
                        db.Mailboxes.Where(b => b.Id == m.MailboxId).Select(b => b.Name).FirstOrDefault(), m.MailboxId,
                        m.FromAddress, m.FromName, m.Subject, m.Size, m.RawMime != null, m.RawTruncated, m.ReusedMessageId, m.MessageId,
                        m.CaseId, null, m.HandledAt, m.HandledBy),
                    Number = db.Cases.Where(c => c.Id == m.CaseId).Select(c => (long?)c.Number).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            return new IgnoredMailPage(
                [.. items.Select(i => i.Row with { CaseNumber = i.Number is { } n ? Domain.Cases.CaseNumber.Format(n) : null })],
                query.Page, query.PageSize, total,
                await db.Mailboxes.AsNoTracking().OrderBy(b => b.Name).Select(b => new MailboxName(b.Id, b.Name)).ToListAsync(cancellationToken));
        }
    }
}
