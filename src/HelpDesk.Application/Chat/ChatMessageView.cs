using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record ChatMessageView(
    Guid ChatId,
    long Seq,
    Guid? ClientMessageId,
    ChatAuthorKind AuthorKind,
    string DisplayName,
    string Text,
    IReadOnlyList<ChatStepView> Steps,
    bool OffersPerson,
    DateTimeOffset At);
