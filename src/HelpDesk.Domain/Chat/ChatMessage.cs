namespace HelpDesk.Domain.Chat;

/// <summary>A troubleshooting step kept with an assistant message: what to do and why it helps.</summary>
public sealed record ChatStep(string Instruction, string Why);

/// <summary>One message in a chat, numbered in order within its conversation.</summary>
public sealed class ChatMessage
{
    private ChatMessage()
    {
        DisplayName = Text = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid ConversationId { get; private set; }

    /// <summary>1, 2, 3… within the conversation; a reconnecting client asks for everything after the last one it saw.</summary>
    public long Seq { get; private set; }

    /// <summary>The sender's id for this message: a retry with the same id is stored once and gets the same ack.</summary>
    public Guid? ClientMessageId { get; private set; }

    public ChatAuthorKind AuthorKind { get; private set; }

    /// <summary>The subscriber or agent id of a person's message.</summary>
    public Guid? AuthorId { get; private set; }

    /// <summary>A first name, "Sam (Tier 1 agent)", "Virtual assistant" or "HelpDesk".</summary>
    public string DisplayName { get; private set; }

    public string Text { get; private set; }

    /// <summary>Assistant messages: the steps it suggested, each with why.</summary>
    public List<ChatStep> Steps { get; private set; } = [];

    /// <summary>Assistant messages: "Talk to a person" is offered with it.</summary>
    public bool OffersPerson { get; private set; }

    /// <summary>The copy of this message on the case's timeline.</summary>
    public Guid? InteractionId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    internal static ChatMessage Create(
        Guid conversationId, long seq, Guid? clientMessageId, ChatAuthorKind kind, Guid? authorId, string displayName, string text,
        IEnumerable<ChatStep>? steps, bool offersPerson, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversationId,
            Seq = seq,
            ClientMessageId = clientMessageId,
            AuthorKind = kind,
            AuthorId = authorId,
            DisplayName = displayName,
            Text = text,
            Steps = steps?.ToList() ?? [],
            OffersPerson = offersPerson,
            CreatedAt = now,
        };

    public void LinkInteraction(Guid interactionId) => InteractionId = interactionId;
}
