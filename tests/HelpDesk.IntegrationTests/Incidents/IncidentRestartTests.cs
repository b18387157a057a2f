using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.IntegrationTests.Incidents;

/// <summary>
/// Issue 20: "nothing sent or credited twice even if the app is killed midway", with the real app as an OS process.
/// The incident is declared (and its credit approved) through the command pipeline of the in-process host, whose workers
/// are off, and one batch is committed there; the test then takes <c>LOCK TABLE … IN EXCLUSIVE MODE</c> on the table the
/// next batch writes (reads go on) and starts a separate <c>dotnet HelpDesk.Web.dll</c> on the same database with the
/// incident worker on, waits until the app's batch transaction is blocked there while it holds its row lock on the notice or credit run,
/// kills the process with SIGKILL, releases the lock and starts a second process, which must finish the work: one email
/// (or one ledger entry) per affected subscriber, none lost, none twice. No fault-injection code in the app.
/// </summary>
public sealed class IncidentRestartTests(HelpDeskAppFactory app, ITestOutputHelper output) : IntegrationTest(app), IDisposable
{
    private const int Batch = 25;
    private readonly List<AppProcess> _apps = [];
    private readonly DateTime _started = DateTime.UtcNow;

    public void Dispose()
    {
        // Every app process this test started dies here, whatever happened in the test.
        foreach (var process in _apps)
        {
            process.Dispose();
        }
    }

    [Fact]
    public async Task Notices_interrupted_by_a_killed_app_reach_each_affected_subscriber_exactly_once_after_a_restart()
    {
        var (population, reachable) = await SeedAsync("LU", "EUR", 240);
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Outage in Luxembourg", "Streaming does not start in Luxembourg.", "Critical", null, null, Countries: ["LU"], NotifySubscribers: true));
        declared.AffectedSubscribers.ShouldBe(population);
        var updateId = await WithDb(db => db.IncidentNotices.Where(n => n.Id == declared.NoticeId).Select(n => n.UpdateId).SingleAsync());
        Task<int> Recipients() => WithDb(db => db.IncidentRecipients.CountAsync(r => r.UpdateId == updateId));

        var committed = await KillMidBatchAsync(
            firstBatch: () => SystemSendAsync(new SendIncidentNoticeBatch.Command(Batch)),
            workDone: Recipients, lockedTable: "incident_recipients", heldRowLockOn: "incident_notices", what: "notice");
        committed.ShouldBe(Batch);
        committed.ShouldBeLessThan(reachable, "the first app must be killed before it finished");
        (await Recipients()).ShouldBe(committed, "nothing of the killed batch was committed");
        (await IncidentMailCountAsync("lu")).ShouldBe(committed, "no mail without its recipient row: the killed batch's mail went with it");

        var second = StartApp();
        await AppProcess.WaitUntilAsync(
            async () => await WithDb(db => db.IncidentNotices.AsNoTracking().Where(n => n.Id == declared.NoticeId).Select(n => n.Status).SingleAsync()) == IncidentNoticeStatus.Done,
            TimeSpan.FromSeconds(90), "the restarted app to finish the notice", second);
        Note("second app finished the notice");

        var perAddress = await WithDb(async db => await db.IncidentRecipients.Where(r => r.UpdateId == updateId)
            .Join(db.OutboundEmails, r => r.OutboundEmailId, e => e.Id, (r, e) => e.ToAddress)
            .GroupBy(a => a).Select(g => new { Address = g.Key, Count = g.Count() }).ToListAsync());
        perAddress.Count.ShouldBe(reachable);
        perAddress.ShouldAllBe(x => x.Count == 1);
        perAddress.ShouldAllBe(x => x.Address.StartsWith("restart-lu-", StringComparison.Ordinal) && x.Address.EndsWith("@example.org", StringComparison.Ordinal));
        (await IncidentMailCountAsync("lu")).ShouldBe(reachable, "one mail per reachable subscriber, nothing orphaned");
        var notice = await WithDb(db => db.IncidentNotices.AsNoTracking().SingleAsync(n => n.Id == declared.NoticeId));
        (notice.Queued, notice.Total).ShouldBe((reachable, reachable));
    }

    [Fact]
    public async Task A_bulk_credit_interrupted_by_a_killed_app_credits_each_affected_subscriber_exactly_once_after_a_restart()
    {
        var (population, _) = await SeedAsync("MT", "EUR", 180);
        var declared = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Outage in Malta", "Nothing plays in Malta.", "Major", null, null, Countries: ["MT"]));
        await SendAs<IncidentCreditView>(Demo.Agent2, new ProposeIncidentCredit.Command(declared.Id, "FixedPerCurrency",
            new Dictionary<string, decimal> { ["EUR"] = 3m }, null, "Sorry for the outage in Malta."));
        (await SendAs<IncidentCreditView>(Demo.Supervisor, new DecideIncidentCredit.Command(declared.Id, Approve: true))).Status.ShouldBe(IncidentCreditStatus.Issuing);
        Task<int> Entries() => WithDb(db => db.CreditEntries.CountAsync(e => e.IncidentId == declared.Id));

        var committed = await KillMidBatchAsync(
            firstBatch: () => SystemSendAsync(new IssueIncidentCreditBatch.Command(Batch)),
            workDone: Entries, lockedTable: "credit_entries", heldRowLockOn: "incident_credit_runs", what: "credit");
        committed.ShouldBe(Batch);
        committed.ShouldBeLessThan(population, "the first app must be killed before it finished");
        (await Entries()).ShouldBe(committed, "nothing of the killed batch was committed");

        var second = StartApp();
        await AppProcess.WaitUntilAsync(
            async () => await WithDb(db => db.IncidentCreditRuns.AsNoTracking().Where(r => r.IncidentId == declared.Id).Select(r => r.Status).SingleAsync()) == IncidentCreditStatus.Done,
            TimeSpan.FromSeconds(90), "the restarted app to finish issuing the credit", second);
        Note("second app finished the credit");

        var entries = await WithDb(db => db.CreditEntries.AsNoTracking().Where(e => e.IncidentId == declared.Id).ToListAsync());
        entries.Count.ShouldBe(population);
        entries.GroupBy(e => e.SubscriberId).ShouldAllBe(g => g.Count() == 1);
        entries.ShouldAllBe(e => e.Amount == 3m && e.Currency == "EUR");
        var run = await WithDb(db => db.IncidentCreditRuns.AsNoTracking().SingleAsync(r => r.IncidentId == declared.Id));
        run.Issued.ShouldBe(population);
    }

    /// <summary>
    /// Commits one batch through the in-process host (whose workers are off), takes the lock the next batch will wait on,
    /// starts the app with the incident worker on, waits until its first batch is blocked inside its transaction, kills
    /// the app and releases the lock. Returns how much work was committed when the lock was taken. (Taking the lock
    /// before the app starts keeps this deterministic: a fast worker cannot finish everything first.)
    /// </summary>
    private async Task<int> KillMidBatchAsync(Func<Task> firstBatch, Func<Task<int>> workDone, string lockedTable, string heldRowLockOn, string what)
    {
        await firstBatch();

        await using var holder = new NpgsqlConnection(App.ConnectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE {lockedTable} IN EXCLUSIVE MODE", holder))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        // With the lock held no batch can commit: this count is what the killed app leaves behind.
        var committed = await workDone();
        var first = StartApp();
        int holderPid;
        await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", holder))
        {
            holderPid = (int)(await pid.ExecuteScalarAsync())!;
        }

        var blocked = await AppProcess.WaitForBlockedWriterAsync(App.ConnectionString, holderPid, heldRowLockOn, first,
            $"the app's next {what} batch to wait on the {lockedTable} lock inside its transaction");
        Note($"{what} batch blocked in backend {blocked} after {committed} committed; killing the app");

        first.Kill();
        await holding.CommitAsync();
        await AppProcess.WaitUntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(App.ConnectionString);
            await connection.OpenAsync();
            await using var gone = new NpgsqlCommand($"SELECT count(*) FROM pg_stat_activity WHERE pid = {blocked}", connection);
            return (long)(await gone.ExecuteScalarAsync())! == 0;
        }, TimeSpan.FromSeconds(20), "the killed app's database session to end");
        return committed;
    }

    private async Task SystemSendAsync(Mediator.IMessage command)
    {
        await using var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-incidents");
        await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send((object)command);
    }

    private AppProcess StartApp()
    {
        var process = AppProcess.StartOn(App.ConnectionString, new Dictionary<string, string>
        {
            ["HelpDesk:Incidents:NoticeIntervalSeconds"] = "1",
            ["HelpDesk:Incidents:NoticeBatchSize"] = Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HelpDesk:Sla:SweepIntervalSeconds"] = "0",
            ["HelpDesk:Chat:SweepIntervalSeconds"] = "0",
            ["HelpDesk:Email:SendIntervalSeconds"] = "0",
        });
        _apps.Add(process);
        return process;
    }

    /// <summary><paramref name="population"/> subscribers in <paramref name="country"/>; every tenth has only an unknown sender's placeholder address (affected, nobody to write to).</summary>
    private async Task<(int Population, int Reachable)> SeedAsync(string country, string currency, int population)
    {
        var prefix = $"restart-{country.ToLowerInvariant()}-";
        var reachable = 0;
        await WithDb(async db =>
        {
            for (var n = 0; n < population; n++)
            {
                var placeholder = n % 10 == 9;
                reachable += placeholder ? 0 : 1;
                db.Subscribers.Add(Subscriber.Create(null, placeholder ? $"{prefix}{n}@unknown.invalid" : $"{prefix}{n}@example.org", "Sub", $"{n}",
                    SubscriptionPlan.Standard, country, "en", "Europe/Luxembourg", currency, DateTimeOffset.UtcNow));
            }

            return await db.SaveChangesAsync();
        });
        return (population, reachable);
    }

    private Task<int> IncidentMailCountAsync(string country) => WithDb(db =>
        db.OutboundEmails.CountAsync(e => e.Kind == OutboundEmailKind.Incident && e.ToAddress.StartsWith($"restart-{country}-")));

    private void Note(string what) => output.WriteLine($"{(DateTime.UtcNow - _started).TotalSeconds,6:0.0} s  {what}");
}
