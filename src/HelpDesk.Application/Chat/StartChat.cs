using FluentValidation;
using FluentValidation.Results;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// A subscriber (signed in) or a guest (name + email, kept as an unverified contact) starts a live chat and the assistant
/// greets. No case opens yet: the subscriber's first message opens it (opening the widget is not a contact, ADR 0106),
/// unless <see cref="Command.CaseId"/> names one of the subscriber's open cases to continue.
/// </summary>
public static class StartChat
{
    public sealed record Command(
        string? GuestName = null, string? GuestEmail = null, string? Language = null, Guid? CaseId = null, string? FirstMessage = null)
        : ICommand<StartChatResult>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GuestName).MaximumLength(ChatConversation.MaxNameLength)
                .WithMessage($"A name has at most {ChatConversation.MaxNameLength} characters.");
            RuleFor(c => c.GuestEmail).MaximumLength(256).WithMessage("An email address has at most 256 characters.")
                .Must(EmailAddressRules.IsDeliverable).When(c => !string.IsNullOrWhiteSpace(c.GuestEmail)).WithMessage(EmailAddressRules.NotAnAddress);
            RuleFor(c => c.Language).Matches("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$").When(c => !string.IsNullOrWhiteSpace(c.Language))
                .WithMessage("Language must be a language tag like en or es-MX.");
            RuleFor(c => c.FirstMessage).Must(m => ChatConversation.MessageError(m) is null).When(c => c.FirstMessage is not null)
                .WithMessage(c => ChatConversation.MessageError(c.FirstMessage) ?? string.Empty);
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, ChatWork work, IVirtualAssistant assistant)
        : ICommandHandler<Command, StartChatResult>
    {
        public async ValueTask<StartChatResult> Handle(Command command, CancellationToken cancellationToken)
        {
            if (user.IsStaff())
            {
                throw new ForbiddenException("Staff cannot start a chat as a subscriber. Sign out, or use a private window.");
            }

            var now = clock.UtcNow;
            Subscriber subscriber;
            ChatConversation chat;
            string? token = null;
            Case? @case = null;
            if (user.IsAuthenticated && user.IsSubscriber())
            {
                subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Id == user.SubscriberId, cancellationToken)
                    ?? throw new ForbiddenException("Your account has no subscriber profile.");
                if (command.CaseId is { } caseId)
                {
                    @case = await db.Cases.Include(c => c.FollowUps).Where(c => c.Id == caseId).OwnedThroughAccount(db, subscriber.Id).SingleOrDefaultAsync(cancellationToken)
                        ?? throw NotFoundException.Case(caseId);
                    if (@case.IsClosedForChat)
                    {
                        throw new DomainRuleException("case.closed", $"Case {@case.DisplayNumber} is closed. Start the chat without a case to open a new one.");
                    }
                }

                var language = Language(command.Language) ?? subscriber.Language;
                chat = ChatConversation.Start(@case?.Id, subscriber.Id, subscriber.FirstName, language, now);
            }
            else
            {
                var failures = new List<ValidationFailure>();
                if (string.IsNullOrWhiteSpace(command.GuestName))
                {
                    failures.Add(new ValidationFailure(nameof(Command.GuestName), "Tell us your name so we know how to address you."));
                }

                if (string.IsNullOrWhiteSpace(command.GuestEmail))
                {
                    failures.Add(new ValidationFailure(nameof(Command.GuestEmail), "Give your email address so we can answer you if the chat is cut off."));
                }

                if (command.CaseId is not null)
                {
                    failures.Add(new ValidationFailure(nameof(Command.CaseId), "Sign in to continue one of your cases in a chat."));
                }

                if (failures.Count > 0)
                {
                    throw new ValidationException(failures);
                }

                var email = command.GuestEmail!.Trim().ToLowerInvariant();
                var name = command.GuestName!.Trim();
                subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Email == email, cancellationToken) ?? CreateContact(name, email, now);
                var language = Language(command.Language) ?? subscriber.Language;
                chat = ChatConversation.StartGuest(null, subscriber.Id, name, email, language, now, out var accessToken);
                token = accessToken;
            }

            db.ChatConversations.Add(chat);
            if (@case is not null)
            {
                // Continuing an open case: the chat is on its timeline from the start (a new case notes it when it opens).
                @case.AddChatEvent("Live chat started.", Visibility.Internal, now);
            }

            work.Audit(chat, "chat.started", ("state", null, chat.State.ToString()), ("guest", null, chat.IsGuest ? "true" : "false"),
                ("language", null, chat.Language), ("case", null, @case?.DisplayNumber));
            work.SayAssistant(chat, @case, assistant.Greet(chat.Language), now);
            if (!string.IsNullOrWhiteSpace(command.FirstMessage))
            {
                await SendChatMessage.RespondAsync(work, assistant, chat, @case, command.FirstMessage, null, now, cancellationToken);
            }

            return new StartChatResult(await work.ViewAsync(chat, 0, cancellationToken), token);
        }

        private Subscriber CreateContact(string name, string email, DateTimeOffset now)
        {
            // An unverified contact, like an unknown email sender: no sign-in account, never access to anyone's account.
            var parts = name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var first = parts.Length > 0 ? parts[0] : "Guest";
            var last = parts.Length > 1 ? parts[1] : string.Empty;
            var contact = Subscriber.Create(null, email, first, last, SubscriptionPlan.Basic, "US", "en", "UTC", "USD", now);
            db.Subscribers.Add(contact);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "contact.created", "subscriber", contact.Id.ToString(), null,
                AuditData.Of(("email", null, email), ("verified", null, "false"), ("source", null, "chat"))));
            return contact;
        }

        private static string? Language(string? language) => string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
    }
}
