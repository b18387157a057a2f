using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpDesk.Testing.Mail;

/// <summary>
/// A throwaway IMAP server: Debian's dovecot (<c>apt-get install dovecot-imapd</c>, or <c>HELPDESK_DOVECOT</c>) with its
/// own configuration, a passwd-file user and Maildirs in a temp folder, listening on a free port on 127.0.0.1 without
/// TLS. Stopped and deleted on dispose.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "support@helpdesk.test";
    public const string Password = "imap-test-password";

    /// <summary>A second mailbox on the same server: a customer's own mailbox, for round trips.</summary>
    public const string CustomerUser = "viewer@customer-mail.test";
    public const string CustomerPassword = "customer-test-password";

    private readonly Process _process;
    private readonly string _root;

    private DovecotServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public string Host => "127.0.0.1";
    public int Port { get; }

    public static async Task<DovecotServer> StartAsync()
    {
        var binary = Environment.GetEnvironmentVariable("HELPDESK_DOVECOT") ?? "/usr/sbin/dovecot";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"IMAP tests need dovecot at {binary} (apt-get install dovecot-imapd, or set HELPDESK_DOVECOT).");
        }

        var root = Path.Combine(Path.GetTempPath(), "helpdesk-dovecot-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var port = TestPorts.Free();
        var isRoot = Environment.UserName == "root" || Run("id", "-u").Trim() == "0";
        // As root, dovecot drops to its own users (the package creates them); mail is stored as "dovecot".
        var internalUser = isRoot ? "dovecot" : Environment.UserName;
        var loginUser = isRoot ? "dovenull" : Environment.UserName;
        var mailUser = isRoot ? "dovecot" : Environment.UserName;
        var uid = Run("id", "-u " + mailUser).Trim();
        var gid = Run("id", "-g " + mailUser).Trim();
        Directory.CreateDirectory(Path.Combine(root, "run"));
        Directory.CreateDirectory(Path.Combine(root, "home"));
        await File.WriteAllTextAsync(Path.Combine(root, "passwd"), $"{User}:{{PLAIN}}{Password}::::::\n{CustomerUser}:{{PLAIN}}{CustomerPassword}::::::\n");
        var config = $$"""
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{internalUser}}
            default_internal_group = {{(isRoot ? "dovecot" : Run("id", "-gn").Trim())}}
            default_login_user = {{loginUser}}
            first_valid_uid = 1
            mail_location = maildir:{{root}}/home/%n/Maildir
            mail_uid = {{uid}}
            mail_gid = {{gid}}
            passdb {
              driver = passwd-file
              args = {{root}}/passwd
            }
            userdb {
              driver = static
              args = home={{root}}/home/%n
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service stats {
              unix_listener stats-reader {
                mode = 0666
              }
              unix_listener stats-writer {
                mode = 0666
              }
            }
            """;
        var configPath = Path.Combine(root, "dovecot.conf");
        await File.WriteAllTextAsync(configPath, config);
        if (isRoot)
        {
            Run("chmod", $"0755 {root}");
            Run("chown", $"-R {mailUser} {root}/home");
        }

        var process = Process.Start(new ProcessStartInfo(binary, $"-F -c {configPath}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dovecot did not start");
        TestRun.Record(process.Id, "dovecot", root);
        var server = new DovecotServer(process, root, port);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(root, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(root, "dovecot.log")) : "";
                throw new InvalidOperationException($"dovecot exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"dovecot did not listen on {port} within 20 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        TestRun.Forget(_process.Id);
        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A child still held a file; the temp folder is cleaned up by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Run(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
