using HelpDesk.Application.Cases;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Cases;

/// <summary>Issue 4: the subscriber context staff see next to a case, and what subscribers see instead.</summary>
public sealed class SubscriberContextTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private const string Buffering = "Video keeps buffering on my living-room TV";

    private Task<Guid> CaseIdAsync(string subject) => WithDb(db => db.Cases.Where(c => c.Subject == subject).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Staff_see_plan_price_tenure_devices_latest_payments_and_previous_cases_with_their_outcome()
    {
        var id = await CaseIdAsync(Buffering);

        var details = await SendAs<CaseDetails>(Demo.Agent2, new GetCase.Query(id));

        var s = details.Subscriber.ShouldNotBeNull();
        s.Email.ShouldBe(Demo.Alice);
        s.Plan.ShouldBe("Premium");
        s.MonthlyPrice.ShouldBe(22.99m);
        s.Currency.ShouldBe("USD");
        s.Country.ShouldBe("US");
        s.Language.ShouldBe("en");
        s.TimeZone.ShouldBe("America/New_York");
        s.TenureMonths.ShouldBeInRange(49, 50); // four years and forty days

        s.Devices.Select(d => d.Name).ShouldBe(["Samsung TV (2019)", "iPhone 15", "Chrome on Windows"]);
        s.Devices[0].Kind.ShouldBe(DeviceKind.SmartTv);
        s.Devices[0].AppVersion.ShouldBe("6.4.1");

        // Seven payments are on record (six months plus the duplicate): the latest six, newest first.
        s.Payments.Count.ShouldBe(6);
        s.Payments.ShouldBe(s.Payments.OrderByDescending(p => p.At).ToList());
        s.Payments.ShouldAllBe(p => p.Amount == 22.99m && p.Currency == "USD" && p.Status == PaymentStatus.Paid && p.Method == "Visa •••• 4242");
        var oldest = await WithDb(db => db.SubscriberPayments.Where(p => p.SubscriberId == s.Id).MinAsync(p => p.At));
        s.Payments.ShouldNotContain(p => p.At == oldest);

        s.PreviousCaseCount.ShouldBe(2);
        s.PreviousCases.ShouldNotContain(p => p.Id == id);
        var signIn = s.PreviousCases.Single(p => p.Subject == "Can't sign in on my new phone");
        signIn.Status.ShouldBe(CaseStatus.Resolved);
        signIn.ResolvedAt.ShouldNotBeNull();
        var charged = s.PreviousCases.Single(p => p.Subject == "Charged twice this month");
        charged.Status.ShouldBe(CaseStatus.New);
        charged.ResolvedAt.ShouldBeNull();

        var promise = s.OpenFollowUps.ShouldHaveSingleItem();
        promise.CaseId.ShouldBe(id);
        promise.AgentName.ShouldBe("Sam (Tier 1 agent)");
        promise.Overdue.ShouldBeFalse();
    }

    [Fact]
    public async Task Supervisors_see_open_follow_ups_on_cases_of_every_tier_below_them()
    {
        // Tiers are stored by name; "Supervisor" sorts before "Tier1" as text, so this guards the tier comparison.
        var id = await CaseIdAsync(Buffering);

        var details = await SendAs<CaseDetails>(Demo.Supervisor, new GetCase.Query(id));

        var promise = details.Subscriber.ShouldNotBeNull().OpenFollowUps.ShouldHaveSingleItem();
        promise.CaseId.ShouldBe(id);
    }

    [Fact]
    public async Task Credits_cover_the_last_twelve_months_only_with_a_total_per_currency()
    {
        var id = await CaseIdAsync(Buffering);
        var alice = await WithDb(db => db.Subscribers.SingleAsync(x => x.Email == Demo.Alice));
        await WithDb(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.CreditEntries.AddRange(
                CreditEntry.Issue(alice.Id, id, 2.50m, "USD", "goodwill", "Buffering week.", null, "Priya (Tier 2 agent)", now.AddDays(-3)),
                CreditEntry.Issue(alice.Id, null, 4.00m, "EUR", "goodwill", "Charged in euros while travelling.", null, "Priya (Tier 2 agent)", now.AddMonths(-11)),
                CreditEntry.Issue(alice.Id, null, 9.99m, "USD", "service_outage", "Outage two years ago.", null, "Sam (Tier 1 agent)", now.AddMonths(-13)));
            return await db.SaveChangesAsync();
        });

        var s = (await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id))).Subscriber.ShouldNotBeNull();

        // The seeded 5.00 USD (seven months ago) and the two new ones; the thirteen-month-old credit is outside the window.
        s.Credits.Select(c => c.Amount).ShouldBe([2.50m, 5.00m, 4.00m]);
        s.Credits.ShouldNotContain(c => c.Note == "Outage two years ago.");
        s.CreditTotals.OrderBy(t => t.Currency).ShouldBe([new MoneyTotal("EUR", 4.00m), new MoneyTotal("USD", 7.50m)]);
        s.Credits[0].CaseId.ShouldBe(id);
        s.Credits[0].IssuedBy.ShouldBe("Priya (Tier 2 agent)");
    }

    [Fact]
    public async Task Subscribers_get_no_context_no_internal_notes_and_no_sla_states_but_do_see_the_promise_and_the_reply_time()
    {
        var id = await CaseIdAsync(Buffering);

        var details = await SendAs<CaseDetails>(Demo.Alice, new GetCase.Query(id));

        details.Subscriber.ShouldBeNull();
        details.Timeline.ShouldAllBe(e => e.Visibility == Visibility.Public);
        details.Timeline.ShouldNotContain(e => e.Body.Contains("Tizen"));
        details.Sla.ResponseState.ShouldBeNull();
        details.Sla.ResolutionState.ShouldBeNull();
        details.Sla.ResolutionDueAt.ShouldBeNull();
        details.Sla.ResponseDueAt.ShouldNotBeNull(); // Alice wrote last; a reply is owed.
        details.Sla.FirstResponse.ShouldBeFalse();
        var promise = details.FollowUps.ShouldHaveSingleItem();
        promise.AgentName.ShouldBe("Sam (Tier 1 agent)");
        promise.Note!.ShouldContain("firmware fix");
        details.AssigneeName.ShouldBe("Sam (Tier 1 agent)");

        var staffView = await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(id));
        staffView.Sla.ResponseDueAt.ShouldBe(details.Sla.ResponseDueAt);
        staffView.Sla.ResponseState.ShouldNotBeNull();
        staffView.Timeline.ShouldContain(e => e.Visibility == Visibility.Internal);
    }

    [Fact]
    public async Task A_case_above_the_agents_tier_is_not_listed_among_previous_cases_at_all()
    {
        var subtitles = await CaseIdAsync("Subtitles out of sync on a series");
        var takeover = await CaseIdAsync("Someone changed my email address");

        var sam = (await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(subtitles))).Subscriber.ShouldNotBeNull();
        var diego = (await SendAs<CaseDetails>(Demo.Agent3, new GetCase.Query(subtitles))).Subscriber.ShouldNotBeNull();

        // Not its subject, not its number, status or tier: it is not there, and the count does not give it away.
        sam.PreviousCases.ShouldNotContain(p => p.Id == takeover);
        sam.PreviousCases.ShouldNotContain(p => p.Tier > AgentTier.Tier1);
        sam.PreviousCaseCount.ShouldBe(diego.PreviousCaseCount - 1);
        diego.PreviousCases.Single(p => p.Id == takeover).Subject.ShouldBe("Someone changed my email address");
    }

    [Fact]
    public async Task Credits_given_on_a_case_above_the_agents_tier_are_not_in_the_context_of_a_lower_case()
    {
        var subtitles = await CaseIdAsync("Subtitles out of sync on a series");
        var takeover = await CaseIdAsync("Someone changed my email address");
        await SendAs<HelpDesk.Application.Credits.CreditRequestView>(Demo.Agent3,
            new HelpDesk.Application.Credits.IssueCredit.Command(takeover, 3.21m, "EUR", "goodwill", "Secret takeover investigation note", Guid.NewGuid()));

        var sam = (await SendAs<CaseDetails>(Demo.Agent1, new GetCase.Query(subtitles))).Subscriber.ShouldNotBeNull();
        var diego = (await SendAs<CaseDetails>(Demo.Agent3, new GetCase.Query(subtitles))).Subscriber.ShouldNotBeNull();

        diego.Credits.ShouldContain(c => c.CaseId == takeover && c.Note == "Secret takeover investigation note");
        sam.Credits.ShouldNotContain(c => c.CaseId == takeover);
        sam.Credits.ShouldNotContain(c => c.Note == "Secret takeover investigation note");
        var samEur = sam.CreditTotals.SingleOrDefault(t => t.Currency == "EUR")?.Amount ?? 0m;
        var diegoEur = diego.CreditTotals.Single(t => t.Currency == "EUR").Amount;
        samEur.ShouldBe(diegoEur - 3.21m);
    }

    [Fact]
    public async Task Merged_and_follow_on_cases_point_to_each_other()
    {
        var first = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("App crashes on start", "Devices", "The tablet app closes at once."));
        var second = await SendAs<OpenCase.Result>(Demo.Bob, new OpenCase.Command("App crashes again", "Devices", "Same as before."));
        await WithDb(async db =>
        {
            var priya = await db.Agents.SingleAsync(a => a.Email == Demo.Agent2);
            var cases = await db.Cases.Where(c => c.Id == first.Id || c.Id == second.Id).ToListAsync();
            var (onSurvivor, onMerged) = cases.Single(c => c.Id == second.Id).MergeInto(cases.Single(c => c.Id == first.Id), priya, DateTimeOffset.UtcNow);
            db.Interactions.AddRange(onSurvivor, onMerged);
            return await db.SaveChangesAsync();
        });

        var merged = await SendAs<CaseDetails>(Demo.Bob, new GetCase.Query(second.Id));
        merged.MergedInto.ShouldBe(new CaseLink(first.Id, first.Number));

        // A reply after the case is closed opens a follow-on case.
        await SendAs<ResolveCase.Result>(Demo.Agent2, new ResolveCase.Command(first.Id));
        await WithDb(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.Id == first.Id);
            db.Interactions.Add(@case.CloseIfResolvedBefore(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow).ShouldNotBeNull());
            return await db.SaveChangesAsync();
        });
        var reply = await SendAs<TimelineEntry>(Demo.Bob, new AddMessage.Command(first.Id, "It crashes again since yesterday."));

        var original = await SendAs<CaseDetails>(Demo.Bob, new GetCase.Query(first.Id));
        var followOn = await SendAs<CaseDetails>(Demo.Bob, new GetCase.Query(reply.CaseId));
        original.FollowOnCases.ShouldBe([new CaseLink(followOn.Id, followOn.Number)]);
        followOn.PreviousCase.ShouldBe(new CaseLink(first.Id, first.Number));
    }
}
