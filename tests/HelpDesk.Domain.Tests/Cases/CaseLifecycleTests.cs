using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Tests.Cases;

public sealed class CaseLifecycleTests
{
    public static TheoryData<CaseStatus, CaseStatus, bool> Moves() => new()
    {
        { CaseStatus.New, CaseStatus.Open, true },
        { CaseStatus.New, CaseStatus.Resolved, true },
        { CaseStatus.New, CaseStatus.Closed, false },
        { CaseStatus.Open, CaseStatus.PendingSubscriber, true },
        { CaseStatus.Open, CaseStatus.New, false },
        { CaseStatus.PendingSubscriber, CaseStatus.Open, true },
        { CaseStatus.PendingInternal, CaseStatus.Resolved, true },
        { CaseStatus.Resolved, CaseStatus.Open, true },
        { CaseStatus.Resolved, CaseStatus.Closed, true },
        { CaseStatus.Resolved, CaseStatus.PendingSubscriber, false },
        { CaseStatus.Closed, CaseStatus.Open, false },
        { CaseStatus.Closed, CaseStatus.Resolved, false },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Only_listed_moves_are_legal(CaseStatus from, CaseStatus to, bool legal) =>
        CaseLifecycle.CanMove(from, to).ShouldBe(legal);

    [Fact]
    public void Every_status_has_a_rule_and_closed_is_final()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            Should.NotThrow(() => CaseLifecycle.CanMove(status, CaseStatus.Open));
        }

        Enum.GetValues<CaseStatus>().ShouldAllBe(to => !CaseLifecycle.CanMove(CaseStatus.Closed, to));
    }

    [Theory]
    [InlineData(CaseStatus.New, SubscriberStage.Received)]
    [InlineData(CaseStatus.Open, SubscriberStage.WithAnAgent)]
    [InlineData(CaseStatus.PendingInternal, SubscriberStage.WithAnAgent)]
    [InlineData(CaseStatus.PendingSubscriber, SubscriberStage.WaitingForYou)]
    [InlineData(CaseStatus.Resolved, SubscriberStage.Resolved)]
    [InlineData(CaseStatus.Closed, SubscriberStage.Resolved)]
    public void Subscribers_see_four_plain_stages(CaseStatus status, SubscriberStage stage) =>
        CaseLifecycle.StageOf(status).ShouldBe(stage);
}
