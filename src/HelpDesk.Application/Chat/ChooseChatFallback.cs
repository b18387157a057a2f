using FluentValidation;
using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Chat;

/// <summary>
/// When nobody could take the chat in time, the subscriber chooses a phone callback (on the same case, through
/// <see cref="RequestCallback"/>; signed-in subscribers only) or an answer by email. The chat ends; the case stays open in its queue.
/// </summary>
public static class ChooseChatFallback
{
    public sealed record Command(Guid ChatId, ChatFallbackChoice Choice, CallbackChoice? Callback = null, string? AccessToken = null)
        : ICommand<ChatView>, IChatParticipantRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Choice).IsInEnum().WithMessage("Choose Callback or Email.");
            RuleFor(c => c.Callback).NotNull().When(c => c.Choice == ChatFallbackChoice.Callback)
                .WithMessage("Give the phone number, day and time window for the callback.");
        }
    }

    public sealed class Handler(ICurrentUser user, ChatWork work, ISender sender, EmailNotifier email) : ICommandHandler<Command, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State != ChatState.FallbackOffered)
            {
                chat.ChooseFallback(command.Choice, work.Now); // throws the reason
            }

            var @case = await work.CaseOfAsync(chat, cancellationToken);
            var now = work.Now;
            string said;
            if (command.Choice == ChatFallbackChoice.Callback)
            {
                if (chat.IsGuest || !user.IsSubscriber())
                {
                    throw new DomainRuleException("chat.callback_needs_account", "Sign in to ask for a phone callback, or choose an answer by email.");
                }

                var c = command.Callback!;
                var topic = string.IsNullOrWhiteSpace(c.Topic) ? $"Live chat on case {@case.DisplayNumber}" : c.Topic;
                var callback = await sender.Send(new RequestCallback.Command(c.Phone, c.Date, c.From, c.To, c.TimeZone, topic, @case.Id), cancellationToken);
                said = $"We will call you on {callback.Phone} in the window you chose. Your case {@case.DisplayNumber} stays open.";
            }
            else
            {
                await email.CaseReceivedAsync(@case, cancellationToken);
                said = $"We will answer you by email{(chat.GuestEmail is { } address ? $" at {address}" : string.Empty)}. Your case {@case.DisplayNumber} stays open.";
            }

            var before = chat.State;
            chat.ChooseFallback(command.Choice, now);
            work.SaySystem(chat, @case, said, now);
            work.Audit(chat, "chat.fallback_chosen", ("state", before.ToString(), chat.State.ToString()), ("choice", null, command.Choice.ToString()));
            work.QueueChanged();
            var view = await work.ViewAsync(chat, chat.LastSeq - 1, cancellationToken);
            work.StateChanged(view);
            return view;
        }
    }
}
