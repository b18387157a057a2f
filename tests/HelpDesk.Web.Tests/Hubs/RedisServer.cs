using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>
/// A throwaway redis-server on a free loopback port, nothing saved to disk; stopped (this process only) on dispose.
/// test.sh installs the redis-server package when it is missing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port},abortConnect=false";
    }

    public string ConnectionString { get; }

    public static async Task<RedisServer> StartAsync()
    {
        var binary = new[] { Environment.GetEnvironmentVariable("HELPDESK_REDIS_SERVER"), "/usr/bin/redis-server", "/usr/local/bin/redis-server" }
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The backplane tests need redis-server (apt-get install redis-server, or set HELPDESK_REDIS_SERVER).");
        var port = TestPorts.Free();
        var process = Process.Start(new ProcessStartInfo(binary)
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TestRun.Record(process.Id, "redis-server");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new RedisServer(process, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                // Never listened: stop it here, nobody else holds it.
                await new RedisServer(process, port).DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        TestRun.Forget(_process.Id);
        _process.Dispose();
    }
}
