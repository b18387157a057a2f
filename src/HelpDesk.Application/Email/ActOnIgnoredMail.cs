using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Email;

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
        Escalations.Escalator escalator, ReferenceData reference)
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

            var ingest = new IngestEmail.Handler(db, user, clock, parser, messageIds, router, threader, slaClock, options, caseOptions, escalator, reference);
            var (@case, _) = await ingest.ActOnIgnoredAsync(record, target, cancellationToken);
            return new Result(@case.Id, @case.DisplayNumber, AlreadyDone: false);
        }
    }
}
