using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// Undoes an issued credit with a new, negative ledger entry (Tier 2 and above, with a reason). Each credit can be
/// reversed once; the original entry is never changed.
/// </summary>
public static class ReverseCredit
{
    public const AgentTier MinimumTier = AgentTier.Tier2;

    public sealed record Command(Guid EntryId, string Reason) : ICommand<LedgerLine>, IRequireTier
    {
        public AgentTier MinimumTier => ReverseCredit.MinimumTier;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say why the credit is reversed.")
                .MaximumLength(CreditRequest.MaxNoteLength).WithMessage($"Keep the reason to {CreditRequest.MaxNoteLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, LedgerLine>
    {
        public async ValueTask<LedgerLine> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscriberId = await db.CreditEntries.AsNoTracking().Where(e => e.Id == command.EntryId).Select(e => (Guid?)e.SubscriberId)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"Credit {command.EntryId} was not found.");
            await db.LockSubscriberCreditsAsync(subscriberId, cancellationToken);
            var original = await db.CreditEntries.AsNoTracking().SingleAsync(e => e.Id == command.EntryId, cancellationToken);
            if (original.CaseId is { } caseId
                && await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => (AgentTier?)c.Tier).SingleOrDefaultAsync(cancellationToken) is { } caseTier
                && !CaseAccess.StaffMayOpen(user, caseTier))
            {
                // The same rule as the case itself: a credit given on a case above your tier does not exist for you.
                throw new NotFoundException($"Credit {command.EntryId} was not found.");
            }

            if (await db.CreditEntries.AnyAsync(e => e.ReversesId == original.Id, cancellationToken))
            {
                throw new DomainRuleException("credit.already_reversed", "This credit has already been reversed.");
            }

            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var now = clock.UtcNow;
            var reversal = CreditEntry.Reversal(original, command.Reason, agent.Id, Case.AgentLabel(agent), now);
            db.CreditEntries.Add(reversal);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.reversed", "credit_entry", reversal.Id.ToString(), reversal.CaseId,
                AuditData.Of(("amount", null, reversal.Amount.ToString("0.00", CultureInfo.InvariantCulture)), ("currency", null, reversal.Currency),
                    ("reverses", null, original.Id.ToString()), ("reason", null, reversal.Note))));
            var balance = await db.CreditEntries.AsNoTracking().Where(e => e.SubscriberId == subscriberId && e.Currency == reversal.Currency)
                .SumAsync(e => e.Amount, cancellationToken) + reversal.Amount;
            return new LedgerLine(reversal.Id, reversal.CaseId, reversal.Kind, reversal.Amount, reversal.Currency, reversal.ReasonCode, reversal.Note,
                reversal.IssuedByName, reversal.CreatedAt, reversal.ReversesId, balance);
        }
    }
}
