using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>Either side ends the chat. The case stays where it is (an agent resolves it as usual); the subscriber may rate the chat.</summary>
public static class EndChat
{
    public sealed record Command(Guid ChatId, string? AccessToken = null) : ICommand<ChatView>, IChatParticipantRequest;

    /// <summary>The holding agent, a supervisor, or any staff for a chat nobody holds.</summary>
    public sealed record StaffCommand(Guid ChatId) : ICommand<ChatView>, IRequireStaff, IChatStaffRequest;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, ChatWork work) : ICommandHandler<Command, ChatView>, ICommandHandler<StaffCommand, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            return await EndAsync(chat, ChatEndedBy.Subscriber, $"{chat.DisplayName} ended the chat.", cancellationToken);
        }

        public async ValueTask<ChatView> Handle(StaffCommand command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var me = await db.Agents.AsNoTracking().SingleAsync(a => a.Id == agentId, cancellationToken);
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State == ChatState.WithAgent && chat.AgentId != me.Id && me.Tier != AgentTier.Supervisor)
            {
                throw new ForbiddenException($"{chat.AgentName} holds this chat; only they or a supervisor can end it.");
            }

            return await EndAsync(chat, ChatEndedBy.Agent, $"{Case.AgentLabel(me)} ended the chat. Your case {{0}} stays open until it is resolved.", cancellationToken);
        }

        private async Task<ChatView> EndAsync(ChatConversation chat, ChatEndedBy by, string text, CancellationToken cancellationToken)
        {
            if (chat.State == ChatState.Ended)
            {
                // Ended twice (both sides at once, a retry): the first one stands.
                return await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            }

            var before = chat.State;
            var now = work.Now;
            var @case = await work.CaseOfAsync(chat, cancellationToken);
            chat.End(by, now);
            work.SaySystem(chat, @case, string.Format(System.Globalization.CultureInfo.InvariantCulture, text, @case.DisplayNumber), now);
            work.Audit(chat, "chat.ended", ("state", before.ToString(), chat.State.ToString()), ("ended_by", null, by.ToString()));
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
