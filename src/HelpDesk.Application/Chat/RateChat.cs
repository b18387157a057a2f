using FluentValidation;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using Mediator;

namespace HelpDesk.Application.Chat;

/// <summary>After the chat ends the subscriber may rate it once: 1–5 and an optional comment.</summary>
public static class RateChat
{
    public sealed record Command(Guid ChatId, int Rating, string? Comment = null, string? AccessToken = null) : ICommand<ChatView>, IChatParticipantRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating).InclusiveBetween(1, 5).WithMessage("Choose a rating from 1 (poor) to 5 (excellent).");
            RuleFor(c => c.Comment).MaximumLength(ChatConversation.MaxCommentLength)
                .WithMessage(c => $"A comment has at most {ChatConversation.MaxCommentLength:N0} characters; this one has {c.Comment!.Length:N0}.");
        }
    }

    public sealed class Handler(ChatWork work) : ICommandHandler<Command, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            var now = work.Now;
            chat.Rate(command.Rating, command.Comment, now);
            // A rating (and its comment) is feedback, not a message: it never reopens the case or starts a clock.
            if (await work.FindCaseAsync(chat, cancellationToken) is { } @case)
            {
                @case.AddChatEvent(
                    $"Chat rated {chat.Rating}/5 by {chat.DisplayName}{(chat.RatingComment is { } comment ? $": \"{comment}\"" : ".")}", Visibility.Internal, now);
            }

            work.Audit(chat, "chat.rated", ("rating", null, chat.Rating?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("comment", null, chat.RatingComment));
            var view = await work.ViewAsync(chat, chat.LastSeq, cancellationToken);
            work.StateChanged(view);
            return view;
        }
    }
}
