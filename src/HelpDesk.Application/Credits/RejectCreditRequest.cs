using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using Mediator;

namespace HelpDesk.Application.Credits;

/// <summary>A supervisor rejects a pending credit, saying why; the requester is told.</summary>
public static class RejectCreditRequest
{
    public sealed record Command(Guid RequestId, string Comment) : ICommand<CreditRequestView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Comment).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Say why the credit is rejected; the agent who asked will see it.")
                .MaximumLength(CreditRequest.MaxCommentLength).WithMessage($"Keep the comment to {CreditRequest.MaxCommentLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CreditRequestView>
    {
        public async ValueTask<CreditRequestView> Handle(Command command, CancellationToken cancellationToken)
        {
            var request = await db.PendingForDecisionAsync(command.RequestId, cancellationToken);
            var approver = await db.ActingAgentAsync(user, cancellationToken);
            var now = clock.UtcNow;
            request.Reject(approver, command.Comment, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit.rejected", "credit_request", request.Id.ToString(), request.CaseId,
                AuditData.Of(("status", nameof(CreditRequestStatus.PendingApproval), request.Status.ToString()), ("comment", null, request.DecisionComment))));
            db.Notifications.Add(Notification.Create(request.RequestedByAgentId, request.CaseId, "credit.rejected",
                $"{approver.DisplayName} rejected your credit of {request.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {request.Currency}: {request.DecisionComment}", now));
            return CreditRequestView.From(request, null);
        }
    }
}
