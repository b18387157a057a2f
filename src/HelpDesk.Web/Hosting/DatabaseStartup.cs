using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Postgres;
using HelpDesk.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Hosting;

/// <summary>Chooses the database (configured server or the embedded default), migrates it and seeds it.</summary>
internal static class DatabaseStartup
{
    /// <summary>Returns false (after logging one clear message) when there is no way to get a database.</summary>
    public static async Task<bool> PrepareAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var configuration = app.Configuration;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("HelpDesk.Startup");
        var configured = configuration.GetConnectionString("HelpDesk");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            settings.ConnectionString = configured;
            settings.SeedDemoData = configuration.GetValue("HelpDesk:SeedDemoData", false);
        }
        else
        {
            var bin = LocalPostgresCluster.FindBinDirectory(configuration["HelpDesk:EmbeddedPostgres:BinDirectory"]);
            if (bin is null)
            {
                logger.LogCritical("{Message}", EmbeddedPostgres.MissingEverythingMessage);
                return false;
            }

            var folder = configuration["HelpDesk:EmbeddedPostgres:DataDirectory"] is { Length: > 0 } dir ? dir : EmbeddedPostgres.DefaultBaseDirectory();
            var cluster = new LocalPostgresCluster(bin, folder, ephemeral: false);
            logger.LogInformation("No ConnectionStrings:HelpDesk configured: starting the embedded PostgreSQL from {BinDirectory} in {DataDirectory}", bin, cluster.BaseDirectory);
            await cluster.StartAsync();
            await cluster.EnsureDatabaseAsync(EmbeddedPostgres.DatabaseName);
            settings.ConnectionString = cluster.ConnectionString(EmbeddedPostgres.DatabaseName);
            settings.SeedDemoData = configuration.GetValue("HelpDesk:SeedDemoData", true);
            settings.Embedded = true;
            logger.LogInformation("Embedded PostgreSQL is listening on 127.0.0.1:{Port}", cluster.Port);
            app.Lifetime.ApplicationStopped.Register(() => cluster.StopAsync().GetAwaiter().GetResult());
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        await DatabaseMigrations.MigrateAsync(db);
        await DemoDataSeeder.EnsureRolesAsync(scope.ServiceProvider);
        await ReferenceDataSeeder.EnsureAsync(db);
        if (settings.SeedDemoData)
        {
            await DemoDataSeeder.SeedDemoDataAsync(scope.ServiceProvider, logger);
        }

        return true;
    }
}
