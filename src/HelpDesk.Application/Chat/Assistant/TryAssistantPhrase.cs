using FluentValidation;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat.Assistant;
using Mediator;

namespace HelpDesk.Application.Chat.Assistant;

/// <summary>"Try a phrase": which intent the virtual assistant recognises in it and the reply it gives. Administrators only; changes nothing.</summary>
public static class TryAssistantPhrase
{
    public const int MaxLength = 2000;

    public sealed record Query(string Phrase, string Language = "en") : IQuery<AssistantTryResult>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Phrase).NotEmpty().WithMessage("Type a phrase to try.")
                .MaximumLength(MaxLength).WithMessage($"A phrase may be at most {MaxLength} characters.");
        }
    }

    public sealed class Handler(VirtualAssistant assistant) : IQueryHandler<Query, AssistantTryResult>
    {
        public ValueTask<AssistantTryResult> Handle(Query query, CancellationToken cancellationToken)
        {
            var reply = assistant.Reply(query.Phrase, string.IsNullOrWhiteSpace(query.Language) ? "en" : query.Language.Trim());
            return ValueTask.FromResult(new AssistantTryResult(query.Phrase, reply.IntentKey, reply));
        }
    }
}
