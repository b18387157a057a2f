using DotNet.Testcontainers.Builders;
using HelpDesk.Infrastructure.Postgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace HelpDesk.Testing;

/// <summary>
/// The one PostgreSQL server for this test process: HELPDESK_TEST_PG if set, else Testcontainers when a
/// Docker engine answers, else a throwaway cluster from the local PostgreSQL binaries. Each test class
/// gets its own database cloned from a migrated, seeded template.
/// </summary>
public static class TestPostgres
{
    public const string TemplateName = "helpdesk_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static NpgsqlConnectionStringBuilder? _server;
    private static bool _templateReady;
    private static LocalPostgresCluster? _cluster;
    private static PostgreSqlContainer? _container;

    /// <summary>How the server was provided, for diagnostics.</summary>
    public static string Source { get; private set; } = "not started";

    /// <summary>Creates a fresh database (a copy of the template) and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, Func<string, Task> buildTemplate)
    {
        await Gate.WaitAsync();
        try
        {
            await EnsureServerAsync();
            if (!_templateReady)
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
                await ExecuteAsync($"CREATE DATABASE {TemplateName}");
                await buildTemplate(ConnectionString(TemplateName));
                NpgsqlConnection.ClearAllPools();
                _templateReady = true;
            }

            var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}");
            return ConnectionString(name);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_server!.ConnectionString) { Database = database, Pooling = true, MaxPoolSize = 50 }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task EnsureServerAsync()
    {
        if (_server is not null)
        {
            return;
        }

        var configured = Environment.GetEnvironmentVariable("HELPDESK_TEST_PG");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _server = new NpgsqlConnectionStringBuilder(configured);
            Source = "HELPDESK_TEST_PG";
            return;
        }

        try
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await _container.StartAsync();
            _server = new NpgsqlConnectionStringBuilder(_container.GetConnectionString());
            Source = "Testcontainers";
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }
        catch (Exception ex) when (ex is DockerUnavailableException || ex.GetType().Name.Contains("Docker", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"[tests] No Docker engine ({ex.GetType().Name}); using a throwaway cluster from the local PostgreSQL binaries.");
        }

        var bin = LocalPostgresCluster.FindBinDirectory(Environment.GetEnvironmentVariable("HELPDESK_PG_BIN"))
            ?? throw new InvalidOperationException(
                "Tests need PostgreSQL: set HELPDESK_TEST_PG to a connection string, start a Docker engine, or install the PostgreSQL server binaries (apt-get install postgresql).");
        var folder = Path.Combine(Path.GetTempPath(), $"helpdesk-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        _cluster = new LocalPostgresCluster(bin, folder, ephemeral: true);
        // Registered before the start: a start that fails half way (pg_ctl timing out) is stopped too.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopLocalCluster();
        await _cluster.StartAsync();
        if (_cluster.PostmasterPid() is { } postmaster)
        {
            TestRun.Record(postmaster, "PostgreSQL test cluster", folder);
        }

        _server = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString("postgres"));
        Source = $"local cluster {folder}";
    }

    private static void StopLocalCluster()
    {
        if (_cluster is null)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearAllPools();
            var postmaster = _cluster.PostmasterPid();
            _cluster.StopAsync().GetAwaiter().GetResult();
            Directory.Delete(_cluster.BaseDirectory, recursive: true);
            if (postmaster is { } pid)
            {
                TestRun.Forget(pid);
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"[tests] Could not stop the test cluster cleanly: {ex.Message}");
        }
    }

    private static string Sanitize(string prefix) =>
        new string(prefix.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray()) is { Length: > 0 } s
            ? s[..Math.Min(s.Length, 28)]
            : "t";
}
