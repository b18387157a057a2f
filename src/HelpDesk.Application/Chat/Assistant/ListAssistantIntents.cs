using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat.Assistant;
using Mediator;

namespace HelpDesk.Application.Chat.Assistant;

/// <summary>The virtual assistant's intents in force (configuration, read-only), in the order they are tried. Administrators only.</summary>
public static class ListAssistantIntents
{
    public sealed record Query : IQuery<IReadOnlyList<AssistantIntentModel>>, IRequireAdmin;

    public sealed class Handler(VirtualAssistant assistant) : IQueryHandler<Query, IReadOnlyList<AssistantIntentModel>>
    {
        public ValueTask<IReadOnlyList<AssistantIntentModel>> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<AssistantIntentModel>>(assistant.Intents.Select(AssistantIntentModel.From).ToList());
    }
}
