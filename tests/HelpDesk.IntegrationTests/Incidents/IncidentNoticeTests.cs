using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Incidents;

/// <summary>
/// Issue 20 item 3: "notify affected subscribers" writes one outbox email per affected subscriber and update, in batches,
/// and carries on after a crash or a restart without mailing anyone twice (real PostgreSQL, a second app on the same database).
/// </summary>
public sealed class IncidentNoticeTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private const int Population = 230;

    private async Task<int> SeedAsync(string country)
    {
        return await WithDb(async db =>
        {
            var reachable = 0;
            for (var n = 0; n < Population; n++)
            {
                // Every tenth is an unknown sender's placeholder address: affected, but nobody to write to.
                var placeholder = n % 10 == 9;
                var email = placeholder ? $"notice-{country}-{n}@unknown.invalid" : $"notice-{country}-{n}@example.org";
                reachable += placeholder ? 0 : 1;
                db.Subscribers.Add(Subscriber.Create(null, email, "Sub", $"{n}", SubscriptionPlan.Standard, country, "en", "Europe/Lisbon", "EUR", DateTimeOffset.UtcNow));
            }

            // Someone elsewhere, not affected.
            db.Subscribers.Add(Subscriber.Create(null, $"notice-{country}-elsewhere@example.org", "Else", "Where", SubscriptionPlan.Standard, "US", "en", "UTC", "USD", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            return reachable;
        });
    }

    private async Task<SendIncidentNoticeBatch.Result> BatchAsync(int size)
    {
        await using var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-notices");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendIncidentNoticeBatch.Command(size));
    }

    private Task<List<(string To, int Count)>> MailPerAddressAsync(Guid updateId) => WithDb(async db =>
        (await db.IncidentRecipients.Where(r => r.UpdateId == updateId)
            .Join(db.OutboundEmails, r => r.OutboundEmailId, e => e.Id, (r, e) => e.ToAddress)
            .GroupBy(a => a).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
        .Select(x => (x.Key, x.Count)).ToList());

    [Fact]
    public async Task A_batch_lost_in_a_crash_and_a_lost_cursor_still_mail_each_affected_subscriber_exactly_once_after_a_restart()
    {
        var reachable = await SeedAsync("PT");
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Outage in Portugal", "Streaming does not start in Portugal.", "Critical", null, null, Countries: ["PT"], NotifySubscribers: true));
        declared.AffectedSubscribers.ShouldBe(Population);
        var notice = await WithDb(db => db.IncidentNotices.AsNoTracking().SingleAsync(n => n.Id == declared.NoticeId));
        notice.Total.ShouldBe(reachable);
        notice.Status.ShouldBe(IncidentNoticeStatus.Running);
        (await WithDb(db => db.OutboundEmails.CountAsync(e => e.Kind == OutboundEmailKind.Incident && e.ToAddress.StartsWith("notice-pt-")))).ShouldBe(0, "declaring writes no mail itself; the worker does");

        // One committed batch.
        var first = await BatchAsync(50);
        first.Queued.ShouldBe(50);
        first.Finished.ShouldBeFalse();

        // A batch that dies before its commit (the process is killed mid-batch): its work is rolled back with it.
        await using (var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-notices"))
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var doomed = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendIncidentNoticeBatch.Command(50));
                doomed.Queued.ShouldBe(50);
                await db.SaveChangesAsync();
                // No commit: disposing the transaction rolls it back, as a killed connection would.
            });
        }

        (await WithDb(db => db.IncidentRecipients.CountAsync(r => r.NoticeId == declared.NoticeId))).ShouldBe(50);

        // Even a notice whose cursor went back to the start must not mail anyone twice: the key (update, subscriber) decides.
        await WithDb(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE incident_notices SET cursor = NULL WHERE id = {declared.NoticeId}"));

        // A restarted app (a second host on the same database) with the worker on finishes the notice by itself.
        await using (var restarted = new RestartedApp(App.ConnectionString))
        {
            _ = restarted.Server;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while ((await WithDb(db => db.IncidentNotices.AsNoTracking().SingleAsync(n => n.Id == declared.NoticeId))).Status != IncidentNoticeStatus.Done)
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the restarted worker should finish the notice");
                await Task.Delay(250);
            }
        }

        var update = await WithDb(db => db.IncidentNotices.Where(n => n.Id == declared.NoticeId).Select(n => n.UpdateId).SingleAsync());
        var perAddress = await MailPerAddressAsync(update);
        perAddress.Count.ShouldBe(reachable);
        perAddress.ShouldAllBe(x => x.Count == 1);
        perAddress.ShouldNotContain(x => x.To.EndsWith(".invalid", StringComparison.Ordinal) || x.To.Contains("elsewhere", StringComparison.Ordinal));
        var done = await WithDb(db => db.IncidentNotices.AsNoTracking().SingleAsync(n => n.Id == declared.NoticeId));
        done.Queued.ShouldBe(reachable);
        done.Total.ShouldBe(reachable);

        // Running the worker again finds nothing to do.
        (await BatchAsync(50)).Worked.ShouldBeFalse();
        (await App.Services.GetRequiredService<IncidentNoticeService>().RunAsync(CancellationToken.None)).ShouldBe(0);

        // The database itself refuses a second recipient row for the same update and subscriber (with a mail of its own).
        var spare = OutboundEmail.Create(OutboundEmailKind.Incident, null, null, null, "spare@example.org", null, null, "s", "s", null, $"spare.{Guid.NewGuid():N}@t", null, null, DateTimeOffset.UtcNow);
        await WithDb(async db =>
        {
            db.OutboundEmails.Add(spare);
            return await db.SaveChangesAsync();
        });
        var again = await Should.ThrowAsync<Npgsql.PostgresException>(() => WithDb(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO incident_recipients (update_id, subscriber_id, notice_id, outbound_email_id, created_at) SELECT update_id, subscriber_id, notice_id, {spare.Id}, now() FROM incident_recipients WHERE notice_id = {declared.NoticeId} LIMIT 1")));
        (again.SqlState, again.ConstraintName).ShouldBe(("23505", "pk_incident_recipients"));

        // The counts are in the API model: total, queued, and (nothing delivered without SMTP) delivered 0.
        var details = await SendAs<IncidentDetails>(Demo.Agent1, new GetIncident.Query(declared.Id));
        var view = details.Updates.Single(u => u.Kind == IncidentUpdateKind.Declared).Notice.ShouldNotBeNull();
        (view.Total, view.Queued, view.Delivered, view.Status).ShouldBe((reachable, reachable, 0, IncidentNoticeStatus.Done));
    }

    [Fact]
    public async Task Resolving_with_notify_mails_each_affected_subscriber_once_more_with_the_closing_note_and_never_the_internal_note()
    {
        var reachable = await SeedAsync("IE");
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent3, new DeclareIncident.Command(
            "Outage in Ireland", "Streaming does not start in Ireland.", "Major", null, null, Countries: ["IE"], NotifySubscribers: true));
        await SendAs<PostIncidentUpdate.Result>(Demo.Agent3, new PostIncidentUpdate.Command(declared.Id, "SECRET: the CDN contract lapsed.", true));
        while ((await BatchAsync(64)).Worked)
        {
        }

        var resolved = await SendAs<ResolveIncident.Result>(Demo.Agent3, new ResolveIncident.Command(declared.Id, null, "Streaming works again in Ireland.", NotifySubscribers: true));
        while ((await BatchAsync(64)).Worked)
        {
        }

        var mails = await WithDb(db => db.IncidentRecipients.Where(r => r.UpdateId == resolved.UpdateId)
            .Join(db.OutboundEmails, r => r.OutboundEmailId, e => e.Id, (r, e) => e).ToListAsync());
        mails.Count.ShouldBe(reachable);
        mails.Select(m => m.ToAddress).Distinct().Count().ShouldBe(reachable);
        mails.ShouldAllBe(m => m.Subject == "Fixed: Outage in Ireland" && m.TextBody.Contains("Streaming works again in Ireland.") && !m.TextBody.Contains("SECRET"));
        var all = await WithDb(db => db.OutboundEmails.Where(e => e.Kind == OutboundEmailKind.Incident && e.ToAddress.StartsWith("notice-ie-")).ToListAsync());
        all.Count.ShouldBe(2 * reachable);
        all.ShouldAllBe(m => !m.TextBody.Contains("SECRET"));
    }

    /// <summary>The same app started again on the same database, with the notice worker on (every second, small batches).</summary>
    private sealed class RestartedApp(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:HelpDesk", connectionString);
            builder.UseSetting("HelpDesk:SeedDemoData", "false");
            builder.UseSetting("HelpDesk:Sla:SweepIntervalSeconds", "0");
            builder.UseSetting("HelpDesk:Chat:SweepIntervalSeconds", "0");
            builder.UseSetting("HelpDesk:Email:SendIntervalSeconds", "0");
            builder.UseSetting("HelpDesk:Incidents:NoticeIntervalSeconds", "1");
            builder.UseSetting("HelpDesk:Incidents:NoticeBatchSize", "40");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }
}
