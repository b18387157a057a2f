namespace HelpDesk.Domain.Cases;

public enum Direction
{
    Inbound,
    Outbound,
    Internal,
}
