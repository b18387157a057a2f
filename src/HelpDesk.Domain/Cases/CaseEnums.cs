namespace HelpDesk.Domain.Cases;

public enum CaseStatus
{
    New,
    Open,
    PendingSubscriber,
    PendingInternal,
    Resolved,
    Closed,
}

public enum CasePriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>What the case is about. The last four are safety-sensitive and routed to a senior tier.</summary>
public enum CaseCategory
{
    Account,
    Billing,
    Playback,
    Devices,
    Content,
    Other,
    ChildSafety,
    AccountTakeover,
    Harassment,
    Legal,
}

public enum AuthorKind
{
    Subscriber,
    Agent,
    Bot,
    System,
}

public enum Visibility
{
    Public,
    Internal,
}

public enum Direction
{
    Inbound,
    Outbound,
    Internal,
}

/// <summary>The four steps a subscriber sees ("you are here").</summary>
public enum SubscriberStage
{
    Received,
    WithAnAgent,
    WaitingForYou,
    Resolved,
}
