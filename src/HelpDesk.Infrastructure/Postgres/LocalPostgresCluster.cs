using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace HelpDesk.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's own binaries in a folder we own: the app's embedded
/// default and the test fixture's fallback. As root, initdb and postgres run as the <c>postgres</c> user
/// (they refuse to run as root). Listens on 127.0.0.1 only; Unix sockets are off.
/// </summary>
public sealed class LocalPostgresCluster
{
    private const string SuperUser = "postgres";
    private readonly string _binDirectory;
    private readonly bool _ephemeral;

    /// <param name="binDirectory">Folder holding initdb, pg_ctl and postgres.</param>
    /// <param name="baseDirectory">Folder for the cluster: <c>data/</c>, <c>port</c>, <c>password</c>, <c>postgres.log</c>.</param>
    /// <param name="ephemeral">Throwaway test cluster: trust auth and no fsync (fast); otherwise a password and durable writes.</param>
    public LocalPostgresCluster(string binDirectory, string baseDirectory, bool ephemeral)
    {
        _binDirectory = binDirectory;
        BaseDirectory = Path.GetFullPath(baseDirectory);
        _ephemeral = ephemeral;
    }

    public string BaseDirectory { get; }
    public string DataDirectory => Path.Combine(BaseDirectory, "data");
    public string LogFile => Path.Combine(BaseDirectory, "postgres.log");
    public int Port { get; private set; }
    private string PortFile => Path.Combine(BaseDirectory, "port");
    private string PasswordFile => Path.Combine(BaseDirectory, "password");

    private static bool RunningAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>
    /// The folder holding the PostgreSQL server binaries: the configured one, then <c>pg_config --bindir</c>,
    /// then the newest <c>/usr/lib/postgresql/N/bin</c>. Null when none has initdb, pg_ctl and postgres.
    /// </summary>
    public static string? FindBinDirectory(string? configured = null)
    {
        static bool Complete(string? dir) => !string.IsNullOrWhiteSpace(dir)
            && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Complete(configured) ? configured : null;
        }

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/local/pgsql/lib/postgresql" })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            var newest = Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => Complete(d.Dir))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            if (Complete(dir))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>Initialises the cluster on first use, then starts it (or reuses it if already running).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(BaseDirectory);
        await GiveToPostgresUserAsync(BaseDirectory, cancellationToken);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitAsync(cancellationToken);
        }

        Port = File.Exists(PortFile) && int.TryParse(await File.ReadAllTextAsync(PortFile, cancellationToken), out var saved) ? saved : FreePort();
        await File.WriteAllTextAsync(PortFile, Port.ToString(CultureInfo.InvariantCulture), cancellationToken);

        if (await IsRunningAsync(cancellationToken))
        {
            return;
        }

        if (!IsPortFree(Port))
        {
            // Another program took our port since last time: move.
            Port = FreePort();
            await File.WriteAllTextAsync(PortFile, Port.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories='' -c max_connections=200"
            + (_ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : string.Empty);
        var (code, output) = await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        if (code != 0)
        {
            var log = File.Exists(LogFile) ? string.Join('\n', (await File.ReadAllLinesAsync(LogFile, cancellationToken)).TakeLast(20)) : string.Empty;
            throw new InvalidOperationException($"PostgreSQL did not start (pg_ctl exit {code}): {output}\n{log}");
        }
    }

    /// <param name="immediate">Stop as a crash would (<c>-m immediate</c>: no checkpoint, recovery at the next start); else a fast shutdown.</param>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "30", "stop"], cancellationToken);
        }
    }

    /// <summary>The running postmaster's process id (first line of <c>data/postmaster.pid</c>); null when it is not running.</summary>
    public int? PostmasterPid()
    {
        try
        {
            var first = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
        };
        if (!_ephemeral)
        {
            builder.Password = File.ReadAllText(PasswordFile).Trim();
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates <paramref name="database"/> if it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        var args = new List<string> { "-D", DataDirectory, "-U", SuperUser, "-E", "UTF8", "--locale=C.UTF-8" };
        if (_ephemeral)
        {
            args.AddRange(["-A", "trust", "--no-sync"]);
        }
        else
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            await File.WriteAllTextAsync(PasswordFile, password, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await GiveToPostgresUserAsync(PasswordFile, cancellationToken);
            args.AddRange(["--auth-local=peer", "--auth-host=scram-sha-256", $"--pwfile={PasswordFile}"]);
        }

        var (code, output) = await RunAsync("initdb", args, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"initdb failed (exit {code}): {output}");
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        var (code, _) = await RunAsync("pg_ctl", ["-D", DataDirectory, "status"], cancellationToken);
        return code == 0;
    }

    private static async Task GiveToPostgresUserAsync(string path, CancellationToken cancellationToken)
    {
        if (RunningAsRoot)
        {
            await RunProcessAsync("chown", ["-R", "postgres:postgres", path], cancellationToken);
        }
    }

    private Task<(int Code, string Output)> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return RunningAsRoot
            ? RunProcessAsync("runuser", ["-u", "postgres", "--", path, .. args], cancellationToken)
            : RunProcessAsync(path, args, cancellationToken);
    }

    private static async Task<(int Code, string Output)> RunProcessAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        // pg_ctl start leaves postgres holding inherited handles; read to end of our own pipes only with a bound.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = (await stdout) + (await stderr);
        return (process.ExitCode, output.Trim());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
