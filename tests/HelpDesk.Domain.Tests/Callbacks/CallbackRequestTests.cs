using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Tests.Callbacks;

public sealed class CallbackRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Agent = Guid.NewGuid();
    private static readonly CallbackRetryPolicy Policy = new(3, TimeSpan.FromMinutes(30));

    private static CallbackRequest Waiting() =>
        CallbackRequest.Create(Guid.NewGuid(), Guid.NewGuid(), "+44 20 7946 0958", new CallbackWindow(Now, Now.AddHours(2), "Europe/London"),
            "Billing question", CasePriority.Normal, CallbackSource.Portal, Now);

    [Fact]
    public void A_new_request_waits_until_its_window_opens_with_a_normalised_number()
    {
        var callback = Waiting();
        callback.Status.ShouldBe(CallbackStatus.Waiting);
        callback.Phone.ShouldBe("+442079460958");
        callback.DueAt.ShouldBe(Now);
    }

    [Fact]
    public void An_invalid_number_is_refused() =>
        Should.Throw<DomainRuleException>(() => CallbackRequest.Create(Guid.NewGuid(), Guid.NewGuid(), "12345", new CallbackWindow(Now, Now.AddHours(1), "UTC"),
            "x", CasePriority.Normal, CallbackSource.Portal, Now)).Code.ShouldBe("callback.phone");

    [Fact]
    public void No_answer_retries_after_30_then_60_minutes_and_then_gives_up()
    {
        var callback = Waiting();
        var t = Now;

        callback.Claim(Agent, t);
        callback.RecordOutcome(Agent, "Sam", CallbackOutcome.NoAnswer, null, Policy, t);
        callback.Status.ShouldBe(CallbackStatus.Waiting);
        callback.DueAt.ShouldBe(t.AddMinutes(30));
        Should.Throw<DomainRuleException>(() => callback.Claim(Agent, t.AddMinutes(29))).Code.ShouldBe("callback.not_due");

        t = t.AddMinutes(31);
        callback.Claim(Agent, t);
        callback.RecordOutcome(Agent, "Sam", CallbackOutcome.Voicemail, "Left a message", Policy, t);
        callback.DueAt.ShouldBe(t.AddMinutes(60));

        t = t.AddMinutes(61);
        callback.Claim(Agent, t);
        callback.RecordOutcome(Agent, "Sam", CallbackOutcome.NoAnswer, null, Policy, t);
        callback.Status.ShouldBe(CallbackStatus.GivenUp);
        callback.EndedAt.ShouldBe(t);
        callback.Attempts.Select(a => a.Outcome).ShouldBe([CallbackOutcome.NoAnswer, CallbackOutcome.Voicemail, CallbackOutcome.NoAnswer]);
        callback.Attempts[1].Notes.ShouldBe("Left a message");
    }

    [Fact]
    public void The_backoff_doubles_from_the_configured_base() =>
        Enumerable.Range(1, 4).Select(new CallbackRetryPolicy(5, TimeSpan.FromMinutes(10)).DelayAfter)
            .ShouldBe([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(80)]);

    [Fact]
    public void A_wrong_number_ends_the_request_at_once()
    {
        var callback = Waiting();
        callback.Claim(Agent, Now);
        callback.RecordOutcome(Agent, "Sam", CallbackOutcome.WrongNumber, null, Policy, Now);
        callback.Status.ShouldBe(CallbackStatus.GivenUp);
    }

    [Fact]
    public void Reaching_the_subscriber_completes_it()
    {
        var callback = Waiting();
        callback.Claim(Agent, Now);
        callback.RecordOutcome(Agent, "Sam", CallbackOutcome.Reached, "Sorted", Policy, Now);
        callback.Status.ShouldBe(CallbackStatus.Completed);
        callback.ClaimedById.ShouldBeNull();
    }

    [Fact]
    public void Only_the_claimer_records_an_outcome_and_only_on_a_claimed_request()
    {
        var callback = Waiting();
        Should.Throw<DomainRuleException>(() => callback.RecordOutcome(Agent, "Sam", CallbackOutcome.Reached, null, Policy, Now)).Code.ShouldBe("callback.not_claimed");
        callback.Claim(Agent, Now);
        Should.Throw<DomainRuleException>(() => callback.RecordOutcome(Guid.NewGuid(), "Lee", CallbackOutcome.Reached, null, Policy, Now)).Code.ShouldBe("callback.not_your_claim");
        Should.Throw<DomainRuleException>(() => callback.Claim(Guid.NewGuid(), Now)).Code.ShouldBe("callback.not_waiting");
    }

    [Fact]
    public void A_cancelled_request_cannot_be_claimed_or_cancelled_again()
    {
        var callback = Waiting();
        callback.Cancel(Now);
        callback.Status.ShouldBe(CallbackStatus.Cancelled);
        Should.Throw<DomainRuleException>(() => callback.Claim(Agent, Now)).Code.ShouldBe("callback.not_waiting");
        Should.Throw<DomainRuleException>(() => callback.Cancel(Now)).Code.ShouldBe("callback.closed");
    }
}
