using HelpDesk.Domain.Chat;

namespace HelpDesk.Application.Chat;

public sealed record TypingView(Guid ChatId, ChatAuthorKind AuthorKind, string DisplayName, bool IsTyping);
