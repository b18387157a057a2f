namespace HelpDesk.Domain.Cases;

public enum AuthorKind
{
    Subscriber,
    Agent,
    Bot,
    System,
}
