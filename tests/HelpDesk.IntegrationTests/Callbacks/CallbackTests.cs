using System.Collections.Concurrent;
using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Callbacks;

internal static class CallbackSteps
{
    public static readonly TestIdentity Ivr = new() { Name = "system:telephony", Roles = [Roles.SystemWorker] };

    public static RequestCallback.IvrCommand DueNow(DateTimeOffset now, string email = Demo.Alice, string topic = "Payment failed") =>
        new(null, email, "+44 20 7946 0958", now.AddMinutes(-1), now.AddHours(2), topic, "Europe/London");

    public static async Task<T> WithDb<T>(IServiceProvider services, Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }
}

public sealed class CallbackTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private async Task<T> As<T>(string email, Mediator.IMessage request) => await Staffing.SendAsync<T>(app.Services, await Demo.IdentityAsync(app.Services, email), request);

    private Task<T> AsIvr<T>(Mediator.IMessage request) => Staffing.SendAsync<T>(app.Services, CallbackSteps.Ivr, request);

    [Fact]
    public async Task A_portal_request_opens_a_phone_case_with_the_window_in_utc_and_a_place_in_the_queue()
    {
        var tomorrow = DateOnly.FromDateTime(app.Clock.UtcNow.UtcDateTime).AddDays(1);
        var view = await As<CallbackView>(Demo.Bob, new RequestCallback.Command("+1 (212) 555-0199", tomorrow, new TimeOnly(9, 0), new TimeOnly(11, 0), "America/New_York", "Cannot sign in"));

        view.Status.ShouldBe(CallbackStatus.Waiting);
        view.Phone.ShouldBe("+12125550199");
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        view.WindowStart.ShouldBe(new DateTimeOffset(tomorrow.ToDateTime(new TimeOnly(9, 0)), zone.GetUtcOffset(tomorrow.ToDateTime(new TimeOnly(9, 0)))).ToUniversalTime());
        view.Position.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(1);
        view.EstimatedCallAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(view.WindowStart);

        var (channel, entries, audit) = await CallbackSteps.WithDb(app.Services, async db => (
            await db.Cases.Where(c => c.Id == view.CaseId).Select(c => c.Channel).SingleAsync(),
            await db.Interactions.Where(i => i.CaseId == view.CaseId).Select(i => i.Body).ToListAsync(),
            await db.AuditEvents.Where(a => a.CaseId == view.CaseId).Select(a => a.Action).ToListAsync()));
        channel.ShouldBe(Channel.Phone);
        entries.ShouldContain(b => b.StartsWith("Callback requested", StringComparison.Ordinal));
        audit.ShouldBe(["case.opened", "callback.requested"], ignoreOrder: true);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_specific_messages_and_changes_nothing()
    {
        var before = await CallbackSteps.WithDb(app.Services, db => db.Callbacks.CountAsync());
        var tomorrow = DateOnly.FromDateTime(app.Clock.UtcNow.UtcDateTime).AddDays(1);
        var error = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            As<CallbackView>(Demo.Alice, new RequestCallback.Command("020 7946 0958", tomorrow, new TimeOnly(11, 0), new TimeOnly(9, 0), "Nowhere/City", "")));
        error.Errors.Select(e => e.PropertyName).ShouldBe(["Phone", "Topic", "TimeZone", "To"], ignoreOrder: true);
        error.Errors.Single(e => e.PropertyName == "Phone").ErrorMessage.ShouldContain("country code");

        var far = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            As<CallbackView>(Demo.Alice, new RequestCallback.Command("+442079460958", tomorrow.AddDays(20), new TimeOnly(9, 0), new TimeOnly(10, 0), "Europe/London", "x")));
        far.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldContain("up to 14 days ahead");
        (await CallbackSteps.WithDb(app.Services, db => db.Callbacks.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_subscriber_sees_and_cancels_only_their_own_callbacks_and_forged_ids_are_not_found()
    {
        var view = await AsIvr<CallbackView>(CallbackSteps.DueNow(app.Clock.UtcNow, Demo.Alice));

        (await As<CallbackView>(Demo.Alice, new GetCallback.Query(view.Id))).Id.ShouldBe(view.Id);
        await Should.ThrowAsync<NotFoundException>(() => As<CallbackView>(Demo.Bob, new GetCallback.Query(view.Id)));
        await Should.ThrowAsync<NotFoundException>(() => As<CallbackView>(Demo.Bob, new CancelCallback.Command(view.Id)));
        await Should.ThrowAsync<NotFoundException>(() => As<CallbackView>(Demo.Alice, new GetCallback.Query(Guid.NewGuid())));
        (await As<IReadOnlyList<CallbackView>>(Demo.Bob, new ListMyCallbacks.Query())).ShouldNotContain(c => c.Id == view.Id);

        // Bob cannot attach a callback to Alice's case either.
        await Should.ThrowAsync<NotFoundException>(() => As<CallbackView>(Demo.Bob, new RequestCallback.Command(
            "+442079460958", DateOnly.FromDateTime(app.Clock.UtcNow.UtcDateTime).AddDays(1), new TimeOnly(9, 0), new TimeOnly(10, 0), "Europe/London", "x", view.CaseId)));

        var cancelled = await As<CallbackView>(Demo.Alice, new CancelCallback.Command(view.Id));
        cancelled.Status.ShouldBe(CallbackStatus.Cancelled);
        await Should.ThrowAsync<DomainRuleException>(() => As<CallbackView>(Demo.Alice, new CancelCallback.Command(view.Id)));
        (await CallbackSteps.WithDb(app.Services, db => db.AuditEvents.CountAsync(a => a.EntityId == view.Id.ToString() && a.Action == "callback.cancelled"))).ShouldBe(1);
    }

    [Fact]
    public async Task No_answer_schedules_retries_with_doubling_backoff_then_gives_up_emails_the_subscriber_and_leaves_the_case_open()
    {
        var view = await AsIvr<CallbackView>(CallbackSteps.DueNow(app.Clock.UtcNow, Demo.Bob, "Streaming quality"));
        var agent = await Staffing.AgentAsync(app.Services, "Rita", AgentTier.Tier3);

        async Task<CallbackView> ClaimAndFail(CallbackOutcome outcome)
        {
            CallbackView? mine = null;
            for (var i = 0; i < 50 && mine?.Id != view.Id; i++)
            {
                var claim = await Staffing.SendAsync<ClaimNextCallback.Result>(app.Services, agent, new ClaimNextCallback.Command());
                claim.Claimed.ShouldBeTrue(claim.Message);
                mine = claim.Callback!;
                if (mine.Id != view.Id)
                {
                    await Staffing.SendAsync<CallbackView>(app.Services, agent, new RecordCallbackOutcome.Command(mine.Id, CallbackOutcome.Reached, null));
                }
            }

            return await Staffing.SendAsync<CallbackView>(app.Services, agent, new RecordCallbackOutcome.Command(view.Id, outcome, "Rang out"));
        }

        var first = await ClaimAndFail(CallbackOutcome.NoAnswer);
        var t1 = app.Clock.UtcNow;
        first.Status.ShouldBe(CallbackStatus.Waiting);
        first.DueAt.ShouldBeInRange(t1.AddMinutes(29), t1.AddMinutes(30));
        (await Staffing.SendAsync<ClaimNextCallback.Result>(app.Services, agent, new ClaimNextCallback.Command())).Callback?.Id.ShouldNotBe(view.Id);

        app.Clock.AdvancePast(first.DueAt);
        var second = await ClaimAndFail(CallbackOutcome.Voicemail);
        second.DueAt.ShouldBeInRange(app.Clock.UtcNow.AddMinutes(59), app.Clock.UtcNow.AddMinutes(60));
        (await As<CallbackView>(Demo.Bob, new GetCallback.Query(view.Id))).Attempts.ShouldAllBe(a => a.Notes == null);

        app.Clock.AdvancePast(second.DueAt);
        var last = await ClaimAndFail(CallbackOutcome.NoAnswer);
        last.Status.ShouldBe(CallbackStatus.GivenUp);
        last.AttemptCount.ShouldBe(3);

        var (mail, status, timeline) = await CallbackSteps.WithDb(app.Services, async db => (
            await db.OutboundEmails.Where(m => m.CaseId == view.CaseId).ToListAsync(),
            await db.Cases.Where(c => c.Id == view.CaseId).Select(c => c.Status).SingleAsync(),
            await db.Interactions.Where(i => i.CaseId == view.CaseId).OrderBy(i => i.CreatedAt).Select(i => i.Body).ToListAsync()));
        mail.ShouldHaveSingleItem().ToAddress.ShouldBe(Demo.Bob);
        mail[0].Status.ShouldBe(OutboundEmailStatus.Pending);
        status.ShouldNotBe(HelpDesk.Domain.Cases.CaseStatus.Closed);
        status.ShouldNotBe(HelpDesk.Domain.Cases.CaseStatus.Resolved);
        timeline.Count(b => b.StartsWith("Call attempt", StringComparison.Ordinal)).ShouldBe(3);
        timeline.Count(b => b.StartsWith("Call notes", StringComparison.Ordinal)).ShouldBe(3);
        timeline.Count(b => b.Contains("is calling you back", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task Only_the_claimer_records_the_outcome_and_subscribers_cannot_claim()
    {
        var view = await AsIvr<CallbackView>(CallbackSteps.DueNow(app.Clock.UtcNow, Demo.Alice, "Oldest") with { WindowStart = app.Clock.UtcNow.AddDays(-1) });
        var first = await Staffing.AgentAsync(app.Services, "Ann", AgentTier.Tier3);
        var other = await Staffing.AgentAsync(app.Services, "Ben", AgentTier.Tier3);
        var claim = await Staffing.SendAsync<ClaimNextCallback.Result>(app.Services, first, new ClaimNextCallback.Command());
        claim.Callback!.Id.ShouldBe(view.Id);

        await Should.ThrowAsync<ForbiddenException>(() => Staffing.SendAsync<CallbackView>(app.Services, other, new RecordCallbackOutcome.Command(view.Id, CallbackOutcome.Reached, null)));
        await Should.ThrowAsync<ForbiddenException>(() => As<ClaimNextCallback.Result>(Demo.Alice, new ClaimNextCallback.Command()));
        (await Staffing.SendAsync<ClaimNextCallback.Result>(app.Services, first, new ClaimNextCallback.Command())).Callback!.Id.ShouldBe(view.Id);
        (await Staffing.SendAsync<CallbackView>(app.Services, first, new RecordCallbackOutcome.Command(view.Id, CallbackOutcome.Reached, "Fixed"))).Status.ShouldBe(CallbackStatus.Completed);
    }

    [Fact]
    public async Task Telephony_events_attach_to_the_callback_and_case_once_per_event_id()
    {
        var view = await AsIvr<CallbackView>(CallbackSteps.DueNow(app.Clock.UtcNow, Demo.Alice, "Event test") with { Phone = "+49 30 901820" });
        var id = "evt-" + Guid.NewGuid();
        var first = await AsIvr<RecordCallEvent.Result>(new RecordCallEvent.Command(id, CallEventKind.Ended, null, "+49-30-901820", 95, null));
        var again = await AsIvr<RecordCallEvent.Result>(new RecordCallEvent.Command(id, CallEventKind.Ended, null, "+49-30-901820", 95, null));
        first.CallbackId.ShouldBe(view.Id);
        again.Duplicate.ShouldBeTrue();
        again.Id.ShouldBe(first.Id);
        await Should.ThrowAsync<NotFoundException>(() => AsIvr<RecordCallEvent.Result>(new RecordCallEvent.Command("x-" + Guid.NewGuid(), CallEventKind.Ringing, Guid.NewGuid(), null, null, null)));
        await Should.ThrowAsync<ForbiddenException>(() => As<RecordCallEvent.Result>(Demo.Agent1, new RecordCallEvent.Command("y", CallEventKind.Ringing, view.Id, null, null, null)));
        (await CallbackSteps.WithDb(app.Services, db => db.Interactions.CountAsync(i => i.CaseId == view.CaseId && i.Body.Contains("ended after 1 min 35 s")))).ShouldBe(1);
    }
}

public sealed class CallbackClaimRaceTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    [Fact]
    public async Task Twenty_callbacks_raced_by_many_agents_are_each_claimed_exactly_once()
    {
        var now = app.Clock.UtcNow;
        var callbacks = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            callbacks.Add((await Staffing.SendAsync<CallbackView>(app.Services, CallbackSteps.Ivr, CallbackSteps.DueNow(now, i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Race {i}"))).Id);
        }

        var agents = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Staffing.AgentAsync(app.Services, $"Caller{i}", AgentTier.Tier3)));
        var claims = new ConcurrentBag<(Guid Agent, Guid Callback)>();
        await Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            for (var misses = 0; misses < 3;)
            {
                var result = await Staffing.SendAsync<ClaimNextCallback.Result>(app.Services, agent, new ClaimNextCallback.Command());
                if (!result.Claimed)
                {
                    misses++;
                    continue;
                }

                claims.Add((agent.AgentId!.Value, result.Callback!.Id));
                await Staffing.SendAsync<CallbackView>(app.Services, agent, new RecordCallbackOutcome.Command(result.Callback.Id, CallbackOutcome.Reached, null));
            }
        })));

        claims.Count.ShouldBe(20);
        claims.Select(c => c.Callback).Distinct().Count().ShouldBe(20);
        claims.Select(c => c.Callback).ShouldBe(callbacks, ignoreOrder: true);
        var attempts = await CallbackSteps.WithDb(app.Services, db => db.CallbackAttempts.GroupBy(a => a.CallbackId).Select(g => g.Count()).ToListAsync());
        attempts.ShouldAllBe(n => n == 1);
        (await CallbackSteps.WithDb(app.Services, db => db.AuditEvents.CountAsync(a => a.Action == "callback.claimed"))).ShouldBe(20);
    }
}
