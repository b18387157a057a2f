using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

/// <summary>One inbound email that opened no case, as staff see it on the "Ignored mail" page and in the API.</summary>
public sealed record IgnoredMailModel(
    Guid Id, DateTimeOffset ReceivedAt, IgnoredReason Reason, string Detail, string? Mailbox, Guid? MailboxId, string? FromAddress, string? FromName,
    string Subject, long Size, bool RawKept, bool RawTruncated, bool ReusedMessageId, string MessageId,
    Guid? CaseId, string? CaseNumber, DateTimeOffset? HandledAt, string? HandledBy);

/// <param name="Mailboxes">Every mailbox (id and name), for the filter.</param>
public sealed record IgnoredMailPage(IReadOnlyList<IgnoredMailModel> Items, int Page, int PageSize, int Total, IReadOnlyList<MailboxName> Mailboxes);

public sealed record MailboxName(Guid Id, string Name);

/// <summary>How many messages were set aside per reason since a moment (the mailbox admin page shows the last 7 days).</summary>
public sealed record IgnoredMailCount(IgnoredReason Reason, int Count);

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

/// <summary>Counts per reason of mail set aside since <c>Since</c> (administrators; the mailbox admin page shows the last 7 days).</summary>
public static class CountIgnoredMail
{
    public sealed record Query(DateTimeOffset Since, Guid? MailboxId = null) : IQuery<IReadOnlyList<IgnoredMailCount>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<IgnoredMailCount>>
    {
        public async ValueTask<IReadOnlyList<IgnoredMailCount>> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.InboundMessages.AsNoTracking()
                .Where(m => m.IgnoredReason != null && m.ReceivedAt >= query.Since && (query.MailboxId == null || m.MailboxId == query.MailboxId))
                .GroupBy(m => m.IgnoredReason!.Value)
                .Select(g => new IgnoredMailCount(g.Key, g.Count()))
                .ToListAsync(cancellationToken);
            return [.. counts.OrderBy(c => c.Reason)];
        }
    }
}

/// <summary>The raw message of an ignored email, as received (possibly truncated when it was too large), for download (staff).</summary>
public static class GetIgnoredMailRaw
{
    public sealed record File(string FileName, byte[] Content, bool Truncated);

    public sealed record Query(Guid Id) : IQuery<File>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, File>
    {
        public async ValueTask<File> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await db.InboundMessages.AsNoTracking()
                .Where(m => m.Id == query.Id && m.IgnoredReason != null)
                .Select(m => new { m.RawMime, m.RawTruncated, m.ReceivedAt })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("This ignored email was not found.");
            if (row.RawMime is null)
            {
                throw new NotFoundException("The raw message of this email was not kept.");
            }

            return new File($"ignored-{row.ReceivedAt.UtcDateTime:yyyyMMdd-HHmmss}-{query.Id.ToString()[..8]}.eml", row.RawMime, row.RawTruncated);
        }
    }
}

/// <summary>
/// "Make it a case" / "Add to case HD-…" on an ignored email (staff; audited). Idempotent: doing the same again returns the
/// case it already went to; a different target once it went somewhere is refused with that case's number.
/// </summary>
public static class ActOnIgnoredMail
{
    /// <param name="CaseNumber">Null: make a new case. Otherwise the case to add the email to (HD-000123).</param>
    public sealed record Command(Guid Id, string? CaseNumber = null) : ICommand<Result>, IRequireStaff;

    /// <param name="AlreadyDone">The email had already gone to this case; nothing changed.</param>
    public sealed record Result(Guid CaseId, string CaseNumber, bool AlreadyDone);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CaseNumber).Must(n => n is null || Domain.Cases.CaseNumber.TryParse(n.Trim(), out _))
                .WithMessage("Enter a case number such as HD-000123.");
        }
    }

    public sealed class Handler(
        IHelpDeskDb db, ICurrentUser user, IClock clock, IInboundEmailParser parser, IEmailMessageIds messageIds,
        CaseRouter router, EmailThreader threader, SlaClock slaClock, IOptions<EmailInboundOptions> options, IOptions<CaseOptions> caseOptions,
        Escalations.Escalator escalator)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // One action per email at a time: a double click or two agents wait here and then see the first result.
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM inbound_emails WHERE id = {command.Id} FOR UPDATE", cancellationToken);
            var record = await db.InboundMessages.SingleOrDefaultAsync(m => m.Id == command.Id && m.IgnoredReason != null, cancellationToken)
                ?? throw new NotFoundException("This ignored email was not found.");

            Case? target = null;
            if (command.CaseNumber is { } wanted)
            {
                if (!Domain.Cases.CaseNumber.TryParse(wanted.Trim(), out var number))
                {
                    throw new NotFoundException($"Case {wanted.Trim()} was not found.");
                }

                target = await db.Cases.Include(c => c.FollowUps).SingleOrDefaultAsync(c => c.Number == number, cancellationToken)
                    ?? throw new NotFoundException($"Case {wanted.Trim().ToUpperInvariant()} was not found.");
                for (var hops = 0; target.MergedIntoId is { } survivor && hops < 10; hops++)
                {
                    target = await db.Cases.Include(c => c.FollowUps).SingleAsync(c => c.Id == survivor, cancellationToken);
                }
            }

            if (record.CaseId is { } done)
            {
                var doneNumber = Domain.Cases.CaseNumber.Format(await db.Cases.Where(c => c.Id == done).Select(c => c.Number).SingleAsync(cancellationToken));
                if (target is null || target.Id == done)
                {
                    return new Result(done, doneNumber, AlreadyDone: true);
                }

                throw new DomainRuleException("email.already_handled", $"This email was already added to case {doneNumber}.");
            }

            var ingest = new IngestEmail.Handler(db, user, clock, parser, messageIds, router, threader, slaClock, options, caseOptions, escalator);
            var (@case, _) = await ingest.ActOnIgnoredAsync(record, target, cancellationToken);
            return new Result(@case.Id, @case.DisplayNumber, AlreadyDone: false);
        }
    }
}
