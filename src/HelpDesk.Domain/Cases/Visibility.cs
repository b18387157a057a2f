namespace HelpDesk.Domain.Cases;

public enum Visibility
{
    Public,
    Internal,
}
