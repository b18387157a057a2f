using System.Collections.Concurrent;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpDesk.IntegrationTests.Postgres;

public sealed class FirstMigrationTests
{
    [Fact]
    public async Task Migrating_a_new_database_logs_no_error_and_a_second_start_has_nothing_to_do()
    {
        // EF alone logs "Failed executing DbCommand" for its first look at the history table (the reason for DatabaseMigrations).
        var plain = await MigrateNewDatabaseAsync(db => db.Database.MigrateAsync(), starts: 1);
        plain.ShouldContain(l => l.StartsWith("Microsoft.EntityFrameworkCore.Database.Command: Failed executing DbCommand", StringComparison.Ordinal));

        (await MigrateNewDatabaseAsync(db => DatabaseMigrations.MigrateAsync(db), starts: 2)).ShouldBeEmpty();
    }

    /// <summary>Creates an empty database (as a provisioned server or the embedded one has it), migrates it, returns the warnings and errors logged.</summary>
    private static async Task<List<string>> MigrateNewDatabaseAsync(Func<HelpDeskDbContext, Task> migrate, int starts)
    {
        var template = await TestPostgres.CreateDatabaseAsync(nameof(FirstMigrationTests), HelpDeskAppFactory.BuildTemplateAsync);
        await TestPostgres.DropDatabaseAsync(template);
        var fresh = new NpgsqlConnectionStringBuilder(template) { Database = $"first_migration_{Guid.NewGuid():N}" }.ConnectionString;
        await using (var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(fresh).Database}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        var logged = new ConcurrentQueue<(LogLevel Level, string Category, string Message)>();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new Collect(logged)));
        try
        {
            for (var start = 1; start <= starts; start++)
            {
                var options = new DbContextOptionsBuilder<HelpDeskDbContext>();
                HelpDeskDbContext.Configure(options, fresh).UseLoggerFactory(loggers);
                await using var db = new HelpDeskDbContext(options.Options);

                await migrate(db);

                (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty($"start {start}");
                (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty($"start {start}");
            }

            // The migrated database turns PostgreSQL's JIT compilation off for every new session (ADR 0127).
            await using (var session = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(fresh) { Pooling = false }.ConnectionString))
            {
                await session.OpenAsync();
                await using var jit = new NpgsqlCommand("SHOW jit", session);
                (await jit.ExecuteScalarAsync()).ShouldBe("off");
            }

            return logged.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Category}: {l.Message}").ToList();
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(fresh);
        }
    }

    private sealed class Collect(ConcurrentQueue<(LogLevel, string, string)> into) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, into);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> into) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                into.Enqueue((logLevel, category, formatter(state, exception)));
        }
    }
}
