namespace HelpDesk.Domain.Subscribers;

public enum DeviceKind
{
    SmartTv,
    StreamingStick,
    GameConsole,
    Phone,
    Tablet,
    Browser,
}
