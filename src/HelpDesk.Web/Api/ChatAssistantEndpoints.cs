using HelpDesk.Application.Chat.Assistant;
using Mediator;

namespace HelpDesk.Web.Api;

/// <summary>/api/v1/admin/chat-assistant: the virtual assistant's configured intents and a "try a phrase" preview. Administrators only.</summary>
internal static class ChatAssistantEndpoints
{
    public sealed record TryRequest(string? Phrase, string? Language);

    public static void MapChatAssistantEndpoints(this RouteGroupBuilder api)
    {
        var assistant = api.MapGroup("/admin/chat-assistant").WithTags("Administration");

        assistant.MapGet("/intents", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListAssistantIntents.Query(), ct)))
            .WithSummary("The virtual assistant's intents in force, in the order they are tried: patterns, answer, steps with why each helps, category, and whether it hands the chat to a person at once (administrators; configured in HelpDesk:Chat:Assistant).")
            .Produces<IReadOnlyList<AssistantIntentModel>>().ProducesProblem(StatusCodes.Status403Forbidden);

        assistant.MapPost("/try", async (TryRequest request, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new TryAssistantPhrase.Query(request.Phrase ?? string.Empty, request.Language ?? "en"), ct)))
            .WithSummary("Try a phrase: which intent the virtual assistant recognises and the reply it would give; changes nothing (administrators).")
            .Produces<AssistantTryResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
