using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Chat;

/// <summary>
/// An agent accepts a waiting chat. The agent's row is locked first (their accepts are counted against their chat
/// capacity (Agent.ChatCapacity) one at a time), then the chat's: of two agents accepting the same chat exactly one wins, the other gets
/// <c>chat.already_accepted</c>. The case is assigned to the agent.
/// </summary>
public static class AcceptChat
{
    public sealed record Command(Guid ChatId) : ICommand<ChatView>, IRequireStaff, IChatStaffRequest;

    public sealed class Handler(ICurrentUser user, ChatWork work) : ICommandHandler<Command, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can accept chats.");
            var agent = await work.LockAgentAsync(agentId, cancellationToken);
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State == ChatState.WithAgent && chat.AgentId == agent.Id)
            {
                return await work.ViewAsync(chat, 0, cancellationToken);
            }

            if (chat.IsWaiting)
            {
                var active = await work.ActiveChatsAsync(agent.Id, cancellationToken);
                if (agent.ChatCapacity == 0)
                {
                    throw new DomainRuleException("chat.capacity",
                        "Your chat capacity is 0, so you take no chats. Ask an administrator to raise it on your work profile.");
                }

                if (active >= agent.ChatCapacity)
                {
                    throw new DomainRuleException("chat.capacity",
                        $"You already have {active} of {agent.ChatCapacity} chats open, your limit. End or transfer one before accepting another.");
                }
            }

            var now = work.Now;
            var before = chat.State;
            chat.Accept(agent.Id, Case.AgentLabel(agent), agent.Tier, now);
            var @case = await work.CaseOfAsync(chat, cancellationToken);
            @case.Assign(agent, now);
            work.SaySystem(chat, @case, $"{Case.AgentLabel(agent)} joined the chat and can see everything you wrote.", now);
            work.Audit(chat, "chat.accepted", ("state", before.ToString(), chat.State.ToString()), ("agent", null, agent.DisplayName),
                ("waited_seconds", null, chat.QueuedAt is { } queued ? ((int)(now - queued).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
            work.QueueChanged();
            var view = await work.ViewAsync(chat, 0, cancellationToken);
            work.StateChanged(view);
            return view;
        }
    }
}
