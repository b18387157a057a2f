namespace HelpDesk.Web.Hubs;

public enum PresenceState
{
    Viewing,
    Typing,
    Left,
}
