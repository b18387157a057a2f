using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// <c>incident-match --subscribers 200000</c>: a throwaway PostgreSQL, the app's migrations, N subscribers with 1–3 devices
/// each from the load seeder, then the incident matching statement (ADR 0115) for several scopes: count and ids, median of 7.
/// </summary>
public static class IncidentMatchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var subscribers = int.Parse(args.SkipWhile(a => a != "--subscribers").Skip(1).FirstOrDefault() ?? "200000", CultureInfo.InvariantCulture);
        var folder = Path.Combine(Path.GetTempPath(), $"helpdesk-incident-match-{Environment.ProcessId}");
        var bin = LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"))
            ?? throw new InvalidOperationException("Needs the PostgreSQL server binaries (apt-get install postgresql).");
        var cluster = new LocalPostgresCluster(bin, folder, ephemeral: true);
        try
        {
            await cluster.StartAsync();
            await cluster.EnsureDatabaseAsync("match");
            var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("match")) { CommandTimeout = 0 }.ConnectionString;
            var options = (DbContextOptions<HelpDeskDbContext>)HelpDeskDbContext.Configure(new DbContextOptionsBuilder<HelpDeskDbContext>(), connectionString).Options;
            await using (var db = new HelpDeskDbContext(options))
            {
                await db.Database.MigrateAsync();
            }

            var seeding = Stopwatch.StartNew();
            await new Seeder(connectionString, subscribers * 5, Console.Out) { SubscriberCount = subscribers }.SeedSubscribersOnlyAsync();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
                await analyze.ExecuteNonQueryAsync();
            }

            Console.WriteLine($"incident-match: {subscribers:N0} subscribers seeded in {seeding.Elapsed.TotalSeconds:N0} s");
            Console.WriteLine("| scope | affected | count (median ms) | ids (median ms) |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, scope) in Scopes())
            {
                await using var db = new HelpDeskDbContext(options);
                var counts = new List<double>();
                var lists = new List<double>();
                var affected = 0;
                for (var run = 0; run < 8; run++)
                {
                    var watch = Stopwatch.StartNew();
                    affected = await IncidentMatching.Affected(db, scope).CountAsync();
                    var countMs = watch.Elapsed.TotalMilliseconds;
                    watch.Restart();
                    var ids = await IncidentMatching.Affected(db, scope).Select(s => s.Id).ToListAsync();
                    var listMs = watch.Elapsed.TotalMilliseconds;
                    if (run > 0)
                    {
                        // The first run warms EF's query cache and PostgreSQL's buffers.
                        counts.Add(countMs);
                        lists.Add(listMs);
                    }

                    _ = ids.Count;
                }

                Console.WriteLine($"| {name} | {affected:N0} | {Median(counts):N1} | {Median(lists):N1} |");
            }

            return 0;
        }
        finally
        {
            await cluster.StopAsync(immediate: true);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static IEnumerable<(string Name, IncidentScope Scope)> Scopes()
    {
        yield return ("country ES", IncidentScope.Create(null, ["ES"], null, null, null));
        yield return ("region Europe", IncidentScope.Create(["Europe"], null, null, null, null));
        yield return ("plan Premium", IncidentScope.Create(null, null, [SubscriptionPlan.Premium], null, null));
        yield return ("device SmartTv", IncidentScope.Create(null, null, null, [DeviceKind.SmartTv], null));
        yield return ("app version 8.3.1", IncidentScope.Create(null, null, null, null, ["8.3.1"]));
        yield return ("SmartTv on 8.3.1", IncidentScope.Create(null, null, null, [DeviceKind.SmartTv], ["8.3.1"]));
        yield return ("US + Premium + SmartTv", IncidentScope.Create(null, ["US"], [SubscriptionPlan.Premium], [DeviceKind.SmartTv], null));
        yield return ("everyone", IncidentScope.Everyone);
    }
}
