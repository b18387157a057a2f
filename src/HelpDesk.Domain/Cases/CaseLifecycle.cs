namespace HelpDesk.Domain.Cases;

/// <summary>The legal status moves. Everything not listed here is refused.</summary>
public static class CaseLifecycle
{
    private static readonly Dictionary<CaseStatus, CaseStatus[]> Allowed = new()
    {
        [CaseStatus.New] = [CaseStatus.Open, CaseStatus.PendingSubscriber, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.Open] = [CaseStatus.PendingSubscriber, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.PendingSubscriber] = [CaseStatus.Open, CaseStatus.PendingInternal, CaseStatus.Resolved],
        [CaseStatus.PendingInternal] = [CaseStatus.Open, CaseStatus.PendingSubscriber, CaseStatus.Resolved],
        [CaseStatus.Resolved] = [CaseStatus.Open, CaseStatus.Closed],
        [CaseStatus.Closed] = [],
    };

    public static bool CanMove(CaseStatus from, CaseStatus to) => Allowed[from].Contains(to);

    public static SubscriberStage StageOf(CaseStatus status) => status switch
    {
        CaseStatus.New => SubscriberStage.Received,
        CaseStatus.Open or CaseStatus.PendingInternal => SubscriberStage.WithAnAgent,
        CaseStatus.PendingSubscriber => SubscriberStage.WaitingForYou,
        _ => SubscriberStage.Resolved,
    };
}
