using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Incidents;

/// <summary>Issue 20 item 5: a goodwill credit for everyone affected, approved by a supervisor who did not ask, issued once per subscriber.</summary>
public sealed class IncidentCreditTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<int> SeedAsync(string country, string currency, int count)
    {
        await WithDb(async db =>
        {
            for (var n = 0; n < count; n++)
            {
                db.Subscribers.Add(Subscriber.Create(null, $"credit-{country}-{n}@example.org", "Cred", $"{n}", (SubscriptionPlan)(n % 3), country, "en", "UTC", currency,
                    DateTimeOffset.UtcNow, monthlyPrice: 10m + (n % 3)));
            }

            return await db.SaveChangesAsync();
        });
        return count;
    }

    private Task<DeclareIncident.Result> DeclareAsync(string country) => SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
        $"Outage {country}", "Nothing plays.", "Critical", null, null, Countries: [country]));

    private async Task<IssueIncidentCreditBatch.Result> BatchAsync(int size)
    {
        await using var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-credits");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IssueIncidentCreditBatch.Command(size));
    }

    [Fact]
    public async Task A_credit_always_waits_for_a_supervisor_who_is_not_the_requester()
    {
        await SeedAsync("NO", "NOK", 5);
        var incident = await DeclareAsync("NO");
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IncidentCreditView>(Demo.Agent1,
            new ProposeIncidentCredit.Command(incident.Id, "FixedPerCurrency", new Dictionary<string, decimal> { ["NOK"] = 50m }, null, null)));

        // Even a supervisor's own proposal needs another supervisor.
        var proposed = await SendAs<IncidentCreditView>(Demo.Supervisor,
            new ProposeIncidentCredit.Command(incident.Id, "FixedPerCurrency", new Dictionary<string, decimal> { ["NOK"] = 50m }, null, null));
        proposed.Status.ShouldBe(IncidentCreditStatus.PendingApproval);
        proposed.PreviewCount.ShouldBe(5);
        proposed.PreviewTotals.ShouldBe("NOK 250.00 (5)");
        var self = await Should.ThrowAsync<DomainRuleException>(() => SendAs<IncidentCreditView>(Demo.Supervisor, new DecideIncidentCredit.Command(incident.Id, Approve: true)));
        self.Code.ShouldBe("incident_credit.self_approval");
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IncidentCreditView>(Demo.Agent3, new DecideIncidentCredit.Command(incident.Id, Approve: true)));
        (await WithDb(db => db.IncidentCreditRuns.SingleAsync(r => r.IncidentId == incident.Id))).Status.ShouldBe(IncidentCreditStatus.PendingApproval);

        // Nothing is issued while it waits.
        (await BatchAsync(100)).Worked.ShouldBeFalse();
        (await WithDb(db => db.CreditEntries.CountAsync(e => e.IncidentId == incident.Id))).ShouldBe(0);

        // A second proposal while one is live is refused.
        var twice = await Should.ThrowAsync<DomainRuleException>(() => SendAs<IncidentCreditView>(Demo.Agent2,
            new ProposeIncidentCredit.Command(incident.Id, "PlanShare", null, 10m, null)));
        twice.Code.ShouldBe("incident_credit.exists");
    }

    [Fact]
    public async Task An_approved_credit_reaches_each_affected_subscriber_exactly_once_across_a_lost_batch_a_lost_cursor_and_a_restart()
    {
        var count = await SeedAsync("FI", "EUR", 130);
        var incident = await DeclareAsync("FI");
        var proposed = await SendAs<IncidentCreditView>(Demo.Agent2, new ProposeIncidentCredit.Command(incident.Id, "PlanShare", null, 50m, "Sorry for the outage."));
        proposed.PreviewCount.ShouldBe(count);
        var approved = await SendAs<IncidentCreditView>(Demo.Supervisor, new DecideIncidentCredit.Command(incident.Id, Approve: true));
        approved.Status.ShouldBe(IncidentCreditStatus.Issuing);

        (await BatchAsync(40)).Issued.ShouldBe(40);

        // A batch that dies before its commit leaves nothing behind.
        await using (var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-credits"))
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IssueIncidentCreditBatch.Command(40))).Issued.ShouldBe(40);
                await db.SaveChangesAsync();
            });
        }

        (await WithDb(db => db.CreditEntries.CountAsync(e => e.IncidentId == incident.Id))).ShouldBe(40);
        await WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE incident_credit_runs SET cursor = NULL WHERE incident_id = {incident.Id}"));

        // The worker (as after a restart) finishes it.
        await App.Services.GetRequiredService<IncidentNoticeService>().RunAsync(CancellationToken.None);

        var entries = await WithDb(db => db.CreditEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).ToListAsync());
        entries.Count.ShouldBe(count);
        entries.GroupBy(e => e.SubscriberId).ShouldAllBe(g => g.Count() == 1);
        entries.ShouldAllBe(e => e.Currency == "EUR" && e.ReasonCode == "service_outage" && e.Kind == CreditEntryKind.Issue && e.Note == "Sorry for the outage.");
        entries.Select(e => e.Amount).Distinct().Order().ShouldBe([5.00m, 5.50m, 6.00m]);
        var run = await WithDb(db => db.IncidentCreditRuns.AsNoTracking().SingleAsync(r => r.IncidentId == incident.Id));
        (run.Status, run.Issued).ShouldBe((IncidentCreditStatus.Done, count));

        // The ledger itself refuses a second credit for the same incident and subscriber.
        var duplicate = await Should.ThrowAsync<Npgsql.PostgresException>(() => WithDb(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO credit_entries (id, subscriber_id, kind, amount, currency, reason_code, issued_by_name, incident_id, created_at) SELECT {Guid.NewGuid()}, subscriber_id, 'Issue', 1, 'EUR', 'service_outage', 'x', incident_id, now() FROM credit_entries WHERE incident_id = {incident.Id} LIMIT 1")));
        (duplicate.SqlState, duplicate.ConstraintName).ShouldBe(("23505", "ux_credit_entries_incident_subscriber"));

        var audit = await WithDb(db => db.AuditEvents.Where(a => a.EntityId == incident.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["incident.declared", "incident.credit_proposed", "incident.credit_approved"]);
    }

    [Fact]
    public async Task The_subscriber_sees_the_incident_credit_on_their_account()
    {
        var incident = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Outage for Bob", "Nothing plays in Spain.", "Major", null, null, Countries: ["ES"], Plans: ["Standard"]));
        await SendAs<IncidentCreditView>(Demo.Agent2, new ProposeIncidentCredit.Command(incident.Id, "FixedPerCurrency", new Dictionary<string, decimal> { ["EUR"] = 4m }, null, null));
        await SendAs<IncidentCreditView>(Demo.Supervisor, new DecideIncidentCredit.Command(incident.Id, Approve: true));
        while ((await BatchAsync(50)).Worked)
        {
        }

        var mine = await SendAs<GetMyCredits.Result>(Demo.Bob, new GetMyCredits.Query());
        mine.Credits.ShouldContain(c => c.Amount == 4m && c.Currency == "EUR" && c.ReasonCode == "service_outage");

        // The resolution email names the credit.
        var resolved = await SendAs<ResolveIncident.Result>(Demo.Agent2, new ResolveIncident.Command(incident.Id, null, "Playback is back.", NotifySubscribers: true));
        await using (var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-notices"))
        {
            while ((await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendIncidentNoticeBatch.Command(50))).Worked)
            {
            }
        }

        var mail = await WithDb(db => db.IncidentRecipients.Where(r => r.UpdateId == resolved.UpdateId)
            .Join(db.OutboundEmails, r => r.OutboundEmailId, e => e.Id, (r, e) => e).SingleAsync(e => e.ToAddress == Demo.Bob));
        mail.TextBody.ShouldContain("we credit your account with 4.00 EUR");
    }
}
