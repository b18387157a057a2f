using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;

namespace HelpDesk.Application.Chat;

/// <summary>"Talk to a person": the chat joins the human queue at once, with everything said so far (its case opens if it had none).</summary>
public static class AskForPerson
{
    public sealed record Command(Guid ChatId, string? AccessToken = null) : ICommand<ChatView>, IChatParticipantRequest;

    public sealed class Handler(ChatWork work) : ICommandHandler<Command, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State is ChatState.Queued or ChatState.FallbackOffered or ChatState.WithAgent)
            {
                // Asked twice (a double click, a retry): nothing more to do.
                return await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            }

            var now = work.Now;
            // Asking for a person is a contact even before a word is written: the case opens now.
            var @case = await work.FindCaseAsync(chat, cancellationToken)
                ?? (await work.OpenCaseAsync(chat, "Asked to talk to a person.", now, cancellationToken)).Case;
            await work.HandOffAsync(chat, @case, "asked for a person", now, cancellationToken);
            var view = await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            work.StateChanged(view);
            return view;
        }
    }
}
