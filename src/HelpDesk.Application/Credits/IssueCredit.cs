using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// An agent credits the subscriber of a case: within the agent's authority the credit is issued at once; above it
/// the request waits for a supervisor. A retried submit with the same <c>ClientRequestId</c> returns the first result.
/// </summary>
public static class IssueCredit
{
    public sealed record Command(Guid CaseId, decimal Amount, string Currency, string ReasonCode, string? Note = null, Guid? ClientRequestId = null)
        : ICommand<CreditRequestView>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).Cascade(CascadeMode.Stop)
                .GreaterThan(0).WithMessage("Enter an amount of more than zero.")
                .Must((c, a) => decimal.Round(a, BillingCurrencies.MinorUnits(c.Currency)) == a)
                .WithMessage(c => BillingCurrencies.MinorUnits(c.Currency) switch
                {
                    2 => "Enter the amount in whole cents (at most two decimals).",
                    0 => $"Enter the amount in whole units; {c.Currency?.ToUpperInvariant()} has no decimals.",
                    var n => $"Enter the amount with at most {n} decimals for {c.Currency?.ToUpperInvariant()}.",
                })
                .LessThan(1_000_000m).WithMessage("That amount is far beyond any credit limit.");
            RuleFor(c => c.Currency).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the currency (the subscriber's billing currency).")
                .Matches("^[A-Za-z]{3}$").WithMessage("Use a three-letter ISO currency code, such as USD.");
            RuleFor(c => c.ReasonCode).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a reason for the credit.")
                .MaximumLength(CreditAuthorityPolicy.MaxReasonCodeLength).WithMessage("That reason code is too long.");
            RuleFor(c => c.Note)
                .MaximumLength(CreditRequest.MaxNoteLength).WithMessage(c => $"Keep the note to {CreditRequest.MaxNoteLength} characters or fewer; it has {c.Note!.Length}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CreditRequestView>
    {
        public async ValueTask<CreditRequestView> Handle(Command command, CancellationToken cancellationToken)
        {
            var target = await db.Cases.AsNoTracking().Where(c => c.Id == command.CaseId)
                .Select(c => new { c.SubscriberId, c.Subscriber!.BillingCurrency }).SingleOrDefaultAsync(cancellationToken)
                ?? throw NotFoundException.Case(command.CaseId);
            await db.LockSubscriberCreditsAsync(target.SubscriberId, cancellationToken);

            var agent = await db.ActingAgentAsync(user, cancellationToken);
            if (command.ClientRequestId is { } requestId
                && await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.RequestedByAgentId == agent.Id && r.ClientRequestId == requestId, cancellationToken) is { } earlier)
            {
                var earlierEntry = await db.CreditEntries.AsNoTracking().Where(e => e.CreditRequestId == earlier.Id).Select(e => (Guid?)e.Id)
                    .SingleOrDefaultAsync(cancellationToken);
                return CreditRequestView.From(earlier, earlierEntry);
            }

            var now = clock.UtcNow;
            var policy = await db.CurrentCreditPolicyAsync(now, cancellationToken);
            var prior = await db.CreditsInWindowAsync(target.SubscriberId, now, cancellationToken);
            var currency = command.Currency.ToUpperInvariant();
            var decision = CreditAuthority.Decide(policy, agent.Tier, command.Amount, currency, command.ReasonCode, target.BillingCurrency, prior, now);
            var (request, entry) = CreditRequest.Submit(target.SubscriberId, command.CaseId, command.Amount, currency, command.ReasonCode, command.Note,
                agent, decision, policy.Version, command.ClientRequestId, now);
            db.CreditRequests.Add(request);
            var amount = request.Amount.ToString("0.00", CultureInfo.InvariantCulture);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.requested", "credit_request", request.Id.ToString(), request.CaseId,
                AuditData.Of(("amount", null, amount), ("currency", null, request.Currency), ("reason_code", null, request.ReasonCode),
                    ("status", null, request.Status.ToString()), ("decision", null, decision.Reason), ("policy_version", null, policy.Version.ToString(CultureInfo.InvariantCulture)))));
            if (entry is not null)
            {
                db.CreditEntries.Add(entry);
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.issued", "credit_entry", entry.Id.ToString(), entry.CaseId,
                    AuditData.Of(("amount", null, amount), ("currency", null, entry.Currency), ("credit_request", null, request.Id.ToString()))));
            }
            else
            {
                await db.NotifySupervisorsAsync(request, agent.Id, now, cancellationToken);
            }

            return CreditRequestView.From(request, entry?.Id);
        }
    }
}
