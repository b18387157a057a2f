using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>The agent holding a chat writes in it: a public reply on the case (first response, response clock stopped).</summary>
public static class SendAgentChatMessage
{
    public sealed record Command(Guid ChatId, Guid ClientMessageId, string Text) : ICommand<ChatAck>, IRequireStaff, IChatStaffRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ClientMessageId).NotEmpty().WithMessage("Give each message a client message id (a new GUID) so a retry is not stored twice.");
            RuleFor(c => c.Text).Must(t => ChatConversation.MessageError(t) is null)
                .WithMessage(c => ChatConversation.MessageError(c.Text) ?? string.Empty);
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, ChatWork work) : ICommandHandler<Command, ChatAck>
    {
        public async ValueTask<ChatAck> Handle(Command command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (await work.FindDuplicateAsync(chat.Id, command.ClientMessageId, cancellationToken) is { } ack)
            {
                return ack;
            }

            var agent = await db.Agents.SingleAsync(a => a.Id == agentId, cancellationToken);
            var @case = await work.CaseOfAsync(chat, cancellationToken);
            var message = work.SayAgent(chat, @case, agent, command.Text, command.ClientMessageId, work.Now);
            return new ChatAck(chat.Id, command.ClientMessageId, message.Seq, message.CreatedAt, Duplicate: false);
        }
    }
}
