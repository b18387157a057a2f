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

    /// <summary>Words for a status in messages ("pending subscriber" rather than PendingSubscriber).</summary>
    public static string Label(CaseStatus status) => status switch
    {
        CaseStatus.PendingSubscriber => "waiting for the subscriber",
        CaseStatus.PendingInternal => "waiting on another team",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static SubscriberStage StageOf(CaseStatus status) => status switch
    {
        CaseStatus.New => SubscriberStage.Received,
        CaseStatus.Open or CaseStatus.PendingInternal => SubscriberStage.WithAnAgent,
        CaseStatus.PendingSubscriber => SubscriberStage.WaitingForYou,
        _ => SubscriberStage.Resolved,
    };
}
