namespace HelpDesk.Domain.Chat;

public enum ChatFallbackChoice
{
    Callback,
    Email,
}
