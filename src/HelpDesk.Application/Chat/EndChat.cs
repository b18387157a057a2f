using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// Either side ends the chat. When staff end it, the case waits for the subscriber or is resolved (the agent's choice)
/// and its response clock stops: the conversation was had, nothing is owed. When the subscriber ends it, the case stays
/// where it is: unanswered, it keeps its place in the queue and its clock. A chat without a case (nothing written) just ends.
/// </summary>
public static class EndChat
{
    public sealed record Command(Guid ChatId, string? AccessToken = null) : ICommand<ChatView>, IChatParticipantRequest;

    /// <summary>The holding agent, a supervisor, or any staff for a chat nobody holds.</summary>
    public sealed record StaffCommand(Guid ChatId, ChatEndOutcome Outcome = ChatEndOutcome.WaitForSubscriber)
        : ICommand<ChatView>, IRequireStaff, IChatStaffRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, ChatWork work, EmailNotifier email) : ICommandHandler<Command, ChatView>, ICommandHandler<StaffCommand, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State == ChatState.Ended)
            {
                return await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            }

            var @case = await work.FindCaseAsync(chat, cancellationToken);
            return await EndAsync(chat, @case, ChatEndedBy.Subscriber, $"{chat.DisplayName} ended the chat.", null, cancellationToken);
        }

        public async ValueTask<ChatView> Handle(StaffCommand command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var me = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agentId, cancellationToken);
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State == ChatState.Ended)
            {
                return await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            }

            if (chat.State == ChatState.WithAgent && chat.AgentId != me.Id && me.Tier != AgentTier.Supervisor)
            {
                throw new ForbiddenException($"{chat.AgentName} holds this chat; only they or a supervisor can end it.");
            }

            var @case = await work.CaseOfAsync(chat, cancellationToken);
            var text = command.Outcome == ChatEndOutcome.Resolve
                ? $"{Case.AgentLabel(me)} ended the chat and marked your case {@case.DisplayNumber} as resolved. Reply to it if you need anything else."
                : $"{Case.AgentLabel(me)} ended the chat. Your case {@case.DisplayNumber} stays open: reply to it if you need anything else.";
            return await EndAsync(chat, @case, ChatEndedBy.Agent, text, (me, command.Outcome), cancellationToken);
        }

        private async Task<ChatView> EndAsync(
            ChatConversation chat, Case? @case, ChatEndedBy by, string text, (Agent Agent, ChatEndOutcome Outcome)? staff, CancellationToken cancellationToken)
        {
            var before = chat.State;
            var now = work.Now;
            chat.End(by, now);
            work.SaySystem(chat, @case, text, now);
            work.Audit(chat, "chat.ended", ("state", before.ToString(), chat.State.ToString()), ("ended_by", null, by.ToString()),
                ("outcome", null, staff?.Outcome.ToString()));
            if (staff is { } s && @case is not null && @case.Status is not (CaseStatus.Resolved or CaseStatus.Closed))
            {
                var status = @case.Status;
                var target = s.Outcome == ChatEndOutcome.Resolve ? CaseStatus.Resolved : CaseStatus.PendingSubscriber;
                if (status != target && s.Agent.CanWork(@case.Tier))
                {
                    @case.ChangeStatus(s.Agent, target, now.AddTicks(10));
                    db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.status_changed", "case", @case.Id.ToString(), @case.Id,
                        AuditData.Of(("status", status.ToString(), target.ToString()), ("rule", null, "chat-ended"))));
                    if (target == CaseStatus.Resolved)
                    {
                        await email.CaseResolvedAsync(@case, cancellationToken);
                    }
                }
            }

            if (before is ChatState.Queued or ChatState.FallbackOffered)
            {
                work.QueueChanged();
            }

            var view = await work.ViewAsync(chat, chat.LastSeq - 1, cancellationToken);
            work.StateChanged(view);
            return view;
        }
    }
}
