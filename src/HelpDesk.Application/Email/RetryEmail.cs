using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>"Retry now" on a message that failed: it is queued again with a fresh set of attempts.</summary>
public static class RetryEmail
{
    public sealed record Command(Guid CaseId, Guid EmailId) : ICommand<OutboundEmailView>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, OutboundEmailView>
    {
        public async ValueTask<OutboundEmailView> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = await db.OutboundEmails.SingleOrDefaultAsync(e => e.Id == command.EmailId && e.CaseId == command.CaseId, cancellationToken)
                ?? throw new NotFoundException($"Email {command.EmailId} was not found on this case.");
            if (email.Status == OutboundEmailStatus.Sent)
            {
                throw new DomainRuleException("email.already_sent", "This email was already sent; it is not sent twice.");
            }

            if (email.Status == OutboundEmailStatus.Failed)
            {
                var now = clock.UtcNow;
                email.Retry(now);
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "email.retry_requested", "outbound_email", email.Id.ToString(), command.CaseId,
                    AuditData.Of(("status", nameof(OutboundEmailStatus.Failed), nameof(OutboundEmailStatus.Pending)))));
            }

            // A message that is still queued or retrying is left as it is: a second click changes nothing.
            return OutboundEmailView.From(email);
        }
    }
}
