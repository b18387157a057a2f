using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// A supervisor approves a pending credit: never their own request, and only within their own authority (re-checked
/// now, against the subscriber's last 30 days). Two supervisors approving at once produce one decision and one entry.
/// </summary>
public static class ApproveCreditRequest
{
    public sealed record Command(Guid RequestId, string? Comment = null) : ICommand<CreditRequestView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment)
                .MaximumLength(CreditRequest.MaxCommentLength).WithMessage($"Keep the comment to {CreditRequest.MaxCommentLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CreditRequestView>
    {
        public async ValueTask<CreditRequestView> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.PendingForDecisionAsync(command.RequestId, cancellationToken);
            var approver = await db.ActingAgentAsync(user, cancellationToken);
            var subscriber = await db.Subscribers.AsNoTracking().Where(s => s.Id == request.SubscriberId).Select(s => s.BillingCurrency).SingleAsync(cancellationToken);
            var now = clock.UtcNow;
            var policy = await db.CurrentCreditPolicyAsync(now, cancellationToken);
            var prior = await db.CreditsInWindowAsync(request.SubscriberId, now, cancellationToken);
            var decision = CreditAuthority.Decide(policy, approver.Tier, request.Amount, request.Currency, request.ReasonCode, subscriber, prior, now);
            var entry = request.Approve(approver, decision, command.Comment, now);
            db.CreditEntries.Add(entry);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.approved", "credit_request", request.Id.ToString(), request.CaseId,
                AuditData.Of(("status", nameof(CreditRequestStatus.PendingApproval), request.Status.ToString()), ("comment", null, request.DecisionComment),
                    ("policy_version", null, policy.Version.ToString(CultureInfo.InvariantCulture)))));
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.issued", "credit_entry", entry.Id.ToString(), entry.CaseId,
                AuditData.Of(("amount", null, entry.Amount.ToString("0.00", CultureInfo.InvariantCulture)), ("currency", null, entry.Currency),
                    ("credit_request", null, request.Id.ToString()))));
            db.Notifications.Add(Notification.Create(request.RequestedByAgentId, request.CaseId, "credit.approved",
                $"{approver.DisplayName} approved your credit of {entry.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {entry.Currency}.", now));
            return CreditRequestView.From(request, entry.Id);
        }
    }
}
