using System.Globalization;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// With <c>--pg-stats</c>: PostgreSQL loads <c>pg_stat_statements</c>, and a scenario that uses this prints every
/// statement its run sent with calls per operation, so "how many statements per request" is measured, not guessed.
/// </summary>
public static class PgStats
{
    public static async Task ResetAsync(string connectionString, CancellationToken ct)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using (var create = data.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var reset = data.CreateCommand("SELECT pg_stat_statements_reset()");
        await reset.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The statements sent to this database since the reset, the most time first, with calls and time per operation.</summary>
    public static async Task PrintAsync(string connectionString, string label, long operations, CancellationToken ct)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var cmd = data.CreateCommand("""
            SELECT calls, total_exec_time, jit_generation_time + jit_inlining_time + jit_optimization_time + jit_emission_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC LIMIT 40
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ops = Math.Max(1, operations);
        Console.WriteLine($"  pg_stat_statements for {label} ({ops:N0} operations): calls/op, exec ms/op, JIT ms/op, statement");
        double totalCalls = 0, totalMs = 0;
        while (await reader.ReadAsync(ct))
        {
            var calls = reader.GetInt64(0);
            var ms = reader.GetDouble(1);
            totalCalls += calls;
            totalMs += ms;
            var jit = reader.GetDouble(2);
            var query = reader.GetString(3);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {(double)calls / ops,6:F2} {ms / ops,7:F3} {jit / ops,7:F3}  {(query.Length > 220 ? query[..220] + "…" : query)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    total (top 40): {totalCalls / ops:F2} statements/op, {totalMs / ops:F3} ms exec/op"));
    }
}
