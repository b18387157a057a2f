namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>
/// The labelled, deterministic virtual assistant that answers a chat before a person does.
/// It never claims to be human, and every reply offers "Talk to a person".
/// </summary>
public interface IVirtualAssistant
{
    AssistantReply Greet(string language);
    AssistantReply Reply(string subscriberText, string language);
}
