namespace HelpDesk.Domain.Cases;

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
