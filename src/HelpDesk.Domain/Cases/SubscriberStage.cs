namespace HelpDesk.Domain.Cases;

/// <summary>The four steps a subscriber sees ("you are here").</summary>
public enum SubscriberStage
{
    Received,
    WithAnAgent,
    WaitingForYou,
    Resolved,
}
