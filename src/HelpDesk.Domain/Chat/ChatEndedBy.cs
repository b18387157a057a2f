namespace HelpDesk.Domain.Chat;

public enum ChatEndedBy
{
    Subscriber,
    Agent,
    System,
}
