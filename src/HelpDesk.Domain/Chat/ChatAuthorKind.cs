namespace HelpDesk.Domain.Chat;

public enum ChatAuthorKind
{
    Subscriber,
    Assistant,
    Agent,
    System,
}
