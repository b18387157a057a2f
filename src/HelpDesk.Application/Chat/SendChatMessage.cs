using FluentValidation;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using Mediator;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The subscriber (or guest) writes in their chat. While the chat is with the assistant, the assistant answers at once;
/// a sensitive intent (or asking for a person) hands off to the human queue. A retry with the same client message id
/// stores nothing and gets the same ack.
/// </summary>
public static class SendChatMessage
{
    public sealed record Command(Guid ChatId, Guid ClientMessageId, string Text, string? AccessToken = null)
        : ICommand<ChatAck>, IChatParticipantLockedCommand;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ClientMessageId).NotEmpty().WithMessage("Give each message a client message id (a new GUID) so a retry is not stored twice.");
            RuleFor(c => c.Text).Must(t => ChatConversation.MessageError(t) is null)
                .WithMessage(c => ChatConversation.MessageError(c.Text) ?? string.Empty);
        }
    }

    public sealed class Handler(ChatWork work, IVirtualAssistant assistant) : ICommandHandler<Command, ChatAck>
    {
        public async ValueTask<ChatAck> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (await work.FindDuplicateAsync(chat.Id, command.ClientMessageId, cancellationToken) is { } ack)
            {
                return ack;
            }

            var @case = await work.FindCaseAsync(chat, cancellationToken);
            var now = work.Now;
            var message = await RespondAsync(work, assistant, chat, @case, command.Text, command.ClientMessageId, now, cancellationToken);
            return new ChatAck(chat.Id, command.ClientMessageId, message.Seq, message.CreatedAt, Duplicate: false);
        }
    }

    /// <summary>Stores the subscriber's message and, while with the assistant, its answer (and the handoff it may ask for).</summary>
    internal static async Task<ChatMessage> RespondAsync(
        ChatWork work, IVirtualAssistant assistant, ChatConversation chat, Case? existing, string text, Guid? clientMessageId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (message, @case) = await work.SaySubscriberAsync(chat, existing, text, clientMessageId, now, cancellationToken);
        if (chat.State != ChatState.WithAssistant)
        {
            return message;
        }

        var reply = await work.Incidents.AnswerFirstAsync(chat, message.Text, assistant.Reply(message.Text, chat.Language), cancellationToken);
        chat.Recognise(reply.IntentKey, reply.Category, now);
        work.SayAssistant(chat, @case, reply, now.AddTicks(10));
        if (reply.HandOff)
        {
            await work.HandOffAsync(chat, @case, reply.IntentKey is { } intent ? $"assistant: {intent}" : "assistant", now.AddTicks(20), cancellationToken);
            work.StateChanged(await work.ViewAsync(chat, chat.LastSeq, cancellationToken, withMessages: false));
        }

        return message;
    }
}
