using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// A message on a case: the subscriber's reply, an agent's public reply, or an agent's internal note.
/// </summary>
public static class AddMessage
{
    public sealed record Command(Guid CaseId, string Body, bool Internal = false, Guid? ClientRequestId = null)
        : ICommand<TimelineEntry>, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body)
                .NotEmpty().WithMessage("Write a message before sending.")
                .MaximumLength(Case.MaxBodyLength).WithMessage(c => $"The message must be {Case.MaxBodyLength:N0} characters or fewer; it has {c.Body.Length:N0}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, TimelineEntry>
    {
        public async ValueTask<TimelineEntry> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.ClientRequestId is { } requestId)
            {
                var existing = await db.Interactions.AsNoTracking()
                    .Where(i => i.CaseId == command.CaseId && i.ClientRequestId == requestId)
                    .Select(TimelineEntry.Projection)
                    .SingleOrDefaultAsync(cancellationToken);
                if (existing is not null)
                {
                    return existing;
                }
            }

            var @case = await db.Cases.SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var statusBefore = @case.Status;
            var now = clock.UtcNow;
            Interaction interaction;
            if (user.IsStaff())
            {
                var agent = await db.Agents.SingleAsync(a => a.Id == user.AgentId, cancellationToken);
                interaction = command.Internal
                    ? @case.AddInternalNote(agent, command.Body, now, command.ClientRequestId)
                    : @case.AddAgentReply(agent, command.Body, now, command.ClientRequestId);
            }
            else
            {
                if (command.Internal)
                {
                    throw new ForbiddenException("Only support staff can write internal notes.");
                }

                var subscriber = await db.Subscribers.SingleAsync(s => s.Id == user.SubscriberId, cancellationToken);
                interaction = @case.AddSubscriberMessage(subscriber, command.Body, now, command.ClientRequestId);
            }

            // Interactions carry their own ids, so EF must be told they are new (it would assume an update).
            db.Interactions.Add(interaction);
            var action = interaction.Visibility == Visibility.Internal ? "case.note_added" : "case.message_added";
            var data = statusBefore != @case.Status ? AuditData.Of(("status", statusBefore.ToString(), @case.Status.ToString())) : null;
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), action, "interaction", interaction.Id.ToString(), @case.Id, data));
            return TimelineEntry.From(interaction);
        }
    }
}
