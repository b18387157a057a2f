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
