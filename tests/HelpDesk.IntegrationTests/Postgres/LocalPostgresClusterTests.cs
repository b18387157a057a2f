using HelpDesk.Infrastructure.Postgres;
using Npgsql;

namespace HelpDesk.IntegrationTests.Postgres;

/// <summary>The app's embedded default: a durable, password-protected cluster that survives restarts.</summary>
public sealed class LocalPostgresClusterTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"helpdesk-test-pg-embedded-{Guid.NewGuid():N}");
    private LocalPostgresCluster? _cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await _cluster.StopAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_embedded_cluster_starts_keeps_its_data_and_port_across_restarts_and_requires_a_password()
    {
        var bin = LocalPostgresCluster.FindBinDirectory();
        bin.ShouldNotBeNull("PostgreSQL server binaries are required for this test (apt-get install postgresql)");
        _cluster = new LocalPostgresCluster(bin, _folder, ephemeral: false);

        await _cluster.StartAsync();
        await _cluster.EnsureDatabaseAsync("helpdesk");
        var port = _cluster.Port;
        await using (var connection = new NpgsqlConnection(_cluster.ConnectionString("helpdesk")))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')", connection).ExecuteNonQueryAsync();
        }

        var withoutPassword = new NpgsqlConnectionStringBuilder(_cluster.ConnectionString("helpdesk")) { Password = null }.ConnectionString;
        await Should.ThrowAsync<Exception>(async () =>
        {
            await using var anonymous = new NpgsqlConnection(withoutPassword);
            await anonymous.OpenAsync();
        });

        NpgsqlConnection.ClearAllPools();
        await _cluster.StopAsync();
        var restarted = new LocalPostgresCluster(bin, _folder, ephemeral: false);
        await restarted.StartAsync();
        _cluster = restarted;

        restarted.Port.ShouldBe(port);
        await using var again = new NpgsqlConnection(restarted.ConnectionString("helpdesk"));
        await again.OpenAsync();
        (await new NpgsqlCommand("SELECT v FROM kept", again).ExecuteScalarAsync()).ShouldBe("still here");
    }

    [Fact]
    public void Finding_binaries_in_a_folder_without_them_returns_null()
    {
        LocalPostgresCluster.FindBinDirectory(Path.GetTempPath()).ShouldBeNull();
    }
}
