using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Cases;

/// <summary>
/// A message on a case: the subscriber's reply, an agent's public reply, or an agent's internal note.
/// </summary>
public static class AddMessage
{
    /// <param name="Explanation">Staff only: "why we ask this", shown to the subscriber under a public reply.</param>
    public sealed record Command(Guid CaseId, string Body, bool Internal = false, Guid? ClientRequestId = null, string? Explanation = null)
        : ICommand<TimelineEntry>, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body)
                .NotEmpty().WithMessage("Write a message before sending.")
                .MaximumLength(Case.MaxBodyLength).WithMessage(c => $"The message must be {Case.MaxBodyLength:N0} characters or fewer; it has {c.Body.Length:N0}.");
            RuleFor(c => c.Explanation)
                .MaximumLength(Interaction.MaxExplanationLength).WithMessage($"The explanation must be {Interaction.MaxExplanationLength} characters or fewer.");
            RuleFor(c => c.Explanation)
                .Empty().When(c => c.Internal).WithMessage("Internal notes are not shown to the subscriber, so they take no explanation.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<CaseOptions> options, EmailNotifier email, Escalations.Escalator escalator) : ICommandHandler<Command, TimelineEntry>
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

                // A replayed reply that had opened a follow-on case returns that case's first message.
                var followOnEntry = await db.Interactions.AsNoTracking()
                    .Where(i => db.Cases.Any(c => c.Id == i.CaseId && c.PreviousCaseId == command.CaseId && c.ClientRequestId == requestId)
                        && i.AuthorKind == AuthorKind.Subscriber)
                    .OrderBy(i => i.CreatedAt)
                    .Select(TimelineEntry.Projection)
                    .FirstOrDefaultAsync(cancellationToken);
                if (followOnEntry is not null)
                {
                    return followOnEntry;
                }
            }

            var @case = await db.Cases.Include(c => c.Assignee).Include(c => c.FollowUps).SingleAsync(c => c.Id == command.CaseId, cancellationToken);
            var statusBefore = @case.Status;
            var reopensBefore = @case.ReopenCount;
            var now = clock.UtcNow;
            Interaction interaction;
            if (user.IsStaff())
            {
                var agent = await db.Agents.SingleAsync(a => a.Id == user.AgentId, cancellationToken);
                interaction = command.Internal
                    ? @case.AddInternalNote(agent, command.Body, now, command.ClientRequestId)
                    : @case.AddAgentReply(agent, command.Body, now, command.ClientRequestId, command.Explanation);
            }
            else
            {
                if (command.Internal || command.Explanation is not null)
                {
                    throw new ForbiddenException("Only support staff can write internal notes or explanations.");
                }

                var subscriber = await db.Subscribers.SingleAsync(s => s.Id == user.SubscriberId, cancellationToken);
                var window = options.Value.ReopenWindow;
                if (!@case.AcceptsSubscriberReplyAt(now, window))
                {
                    return await OpenFollowOnAsync(@case, subscriber, command, now, cancellationToken);
                }

                interaction = @case.AddSubscriberMessage(subscriber, command.Body, now, command.ClientRequestId, reopenWindow: window);
            }

            // Public staff replies are mailed to the subscriber; the notifier ignores internal notes.
            await email.AgentReplyAsync(@case, interaction, cancellationToken);
            var action = interaction.Visibility == Visibility.Internal ? "case.note_added" : "case.message_added";
            var data = statusBefore != @case.Status ? AuditData.Of(("status", statusBefore.ToString(), @case.Status.ToString())) : null;
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), action, "interaction", interaction.Id.ToString(), @case.Id, data));
            await escalator.AfterReopenAsync(@case, reopensBefore, user.AsActor(), now, cancellationToken);
            return TimelineEntry.From(interaction);
        }

        /// <summary>The case is closed or past its reopen window: the reply opens a new case that points back to it.</summary>
        private async Task<TimelineEntry> OpenFollowOnAsync(
            Case previous, Domain.Subscribers.Subscriber subscriber, Command command, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (previous.MergedIntoId is not null)
            {
                throw new DomainRuleException("case.merged", "This case was merged into another case; please reply there.");
            }

            var number = await db.NextCaseNumberAsync(cancellationToken);
            var followOn = Case.OpenFollowOn(number, previous, subscriber, command.Body, now, command.ClientRequestId);
            db.Cases.Add(followOn);
            await email.CaseReceivedAsync(followOn, cancellationToken);
            previous.AddFollowOnPointer(followOn, now);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.opened", "case", followOn.Id.ToString(), followOn.Id,
                AuditData.Of(("previous_case", null, previous.DisplayNumber), ("queue", null, followOn.Queue), ("tier", null, followOn.Tier.ToString()))));
            return TimelineEntry.From(followOn.Interactions[0]);
        }
    }
}
