using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace HelpDesk.Testing.Mail;

/// <summary>A message the <see cref="TestSmtpServer"/> accepted: the envelope, the raw bytes and MimeKit's parse of them.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, byte[] Raw, MimeMessage Message, string? AuthenticatedUser)
{
    public string Text => Message.TextBody ?? string.Empty;
    public string Html => Message.HtmlBody ?? string.Empty;
    public string MessageId => Message.MessageId ?? string.Empty;
}

/// <summary>
/// A small RFC 5321 SMTP server on a free loopback port, over real sockets: EHLO/HELO, optional AUTH PLAIN and LOGIN,
/// MAIL/RCPT/DATA (with dot-unstuffing), RSET, NOOP, QUIT. It can be told to answer MAIL FROM with a 4xx/5xx reply
/// a number of times, to simulate an unavailable or refusing server. Accepted messages are parsed with MimeKit.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _acceptLoop;
    private readonly Lock _failureLock = new();
    private string? _failureReply;
    private int _failuresRemaining;

    public TestSmtpServer(string? user = null, string? password = null)
    {
        User = user;
        Password = password;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    public string Host => "127.0.0.1";
    public int Port { get; }

    /// <summary>When set, AUTH is advertised and MAIL FROM is refused (530) until the client authenticates as this user.</summary>
    public string? User { get; }
    public string? Password { get; }

    /// <summary>Delay before answering the end of DATA (lets tests overlap concurrent senders).</summary>
    public TimeSpan DataDelay { get; set; }

    public IReadOnlyList<ReceivedMail> Messages => _messages.ToArray();

    /// <summary>Connections accepted so far.</summary>
    public int Connections => _connections;

    private int _connections;

    /// <summary>Answer the next <paramref name="times"/> MAIL FROM commands with <paramref name="reply"/> (e.g. "451 4.3.0 Try again later"); -1: always.</summary>
    public void FailMailFrom(string reply, int times = -1)
    {
        lock (_failureLock)
        {
            _failureReply = reply;
            _failuresRemaining = times;
        }
    }

    public void StopFailing()
    {
        lock (_failureLock)
        {
            _failureReply = null;
            _failuresRemaining = 0;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived in total.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (_messages.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} messages; the SMTP server received {_messages.Count}.");
            }
        }

        return Messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
            await Task.WhenAll(_sessions);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Shutting down.
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _sessions.Add(Task.Run(() => SessionAsync(client)));
        }
    }

    private string? TakeFailure()
    {
        lock (_failureLock)
        {
            if (_failureReply is null || _failuresRemaining == 0)
            {
                return null;
            }

            if (_failuresRemaining > 0)
            {
                _failuresRemaining--;
            }

            return _failureReply;
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var token = _stop.Token;
        try
        {
            var stream = client.GetStream();
            var reader = new LineReader(stream);
            async Task Reply(string text) => await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"), token);

            await Reply("220 localhost HelpDesk test ESMTP");
            string? mailFrom = null;
            var rcptTo = new List<string>();
            string? authenticated = null;
            while (!token.IsCancellationRequested)
            {
                var lineBytes = await reader.ReadLineAsync(token);
                if (lineBytes is null)
                {
                    return;
                }

                var line = Encoding.ASCII.GetString(lineBytes);
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await Reply(User is null
                            ? "250-localhost\r\n250-8BITMIME\r\n250 SIZE 52428800"
                            : "250-localhost\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800");
                        break;
                    case "HELO":
                        await Reply("250 localhost");
                        break;
                    case "AUTH":
                        authenticated = await AuthenticateAsync(line, reader, Reply, token);
                        break;
                    case "MAIL":
                        if (User is not null && authenticated is null)
                        {
                            await Reply("530 5.7.0 Authentication required");
                            break;
                        }

                        if (TakeFailure() is { } failure)
                        {
                            await Reply(failure);
                            break;
                        }

                        mailFrom = Address(line);
                        rcptTo.Clear();
                        await Reply("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        if (mailFrom is null)
                        {
                            await Reply("503 5.5.1 MAIL first");
                            break;
                        }

                        rcptTo.Add(Address(line));
                        await Reply("250 2.1.5 OK");
                        break;
                    case "DATA":
                        if (mailFrom is null || rcptTo.Count == 0)
                        {
                            await Reply("503 5.5.1 RCPT first");
                            break;
                        }

                        await Reply("354 End data with <CR><LF>.<CR><LF>");
                        var raw = await ReadDataAsync(reader, token);
                        if (DataDelay > TimeSpan.Zero)
                        {
                            await Task.Delay(DataDelay, token);
                        }

                        var message = await MimeMessage.LoadAsync(new MemoryStream(raw), token);
                        _messages.Enqueue(new ReceivedMail(mailFrom, rcptTo.ToArray(), raw, message, authenticated));
                        _arrived.Release();
                        mailFrom = null;
                        rcptTo.Clear();
                        await Reply("250 2.0.0 OK queued");
                        break;
                    case "RSET":
                        mailFrom = null;
                        rcptTo.Clear();
                        await Reply("250 2.0.0 OK");
                        break;
                    case "NOOP":
                        await Reply("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await Reply("221 2.0.0 Bye");
                        return;
                    default:
                        await Reply("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the server is stopping.
        }
    }

    private async Task<string?> AuthenticateAsync(string line, LineReader reader, Func<string, Task> reply, CancellationToken token)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (User is null || parts.Length < 2)
        {
            await reply("504 5.5.4 Unrecognized authentication type");
            return null;
        }

        string? user, password;
        switch (parts[1].ToUpperInvariant())
        {
            case "PLAIN":
                var initial = parts.Length > 2 ? parts[2] : null;
                if (initial is null)
                {
                    await reply("334 ");
                    initial = Encoding.ASCII.GetString(await reader.ReadLineAsync(token) ?? []);
                }

                var fields = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
                (user, password) = fields.Length == 3 ? (fields[1], fields[2]) : (null, null);
                break;
            case "LOGIN":
                if (parts.Length > 2)
                {
                    user = Encoding.UTF8.GetString(Convert.FromBase64String(parts[2]));
                }
                else
                {
                    await reply("334 " + Convert.ToBase64String(Encoding.ASCII.GetBytes("Username:")));
                    user = Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(await reader.ReadLineAsync(token) ?? [])));
                }

                await reply("334 " + Convert.ToBase64String(Encoding.ASCII.GetBytes("Password:")));
                password = Encoding.UTF8.GetString(Convert.FromBase64String(Encoding.ASCII.GetString(await reader.ReadLineAsync(token) ?? [])));
                break;
            default:
                await reply("504 5.5.4 Unrecognized authentication type");
                return null;
        }

        if (user == User && password == Password)
        {
            await reply("235 2.7.0 Authentication successful");
            return user;
        }

        await reply("535 5.7.8 Authentication credentials invalid");
        return null;
    }

    /// <summary>Reads the DATA section up to the lone "." line, removing the transparency dot (RFC 5321 §4.5.2).</summary>
    private static async Task<byte[]> ReadDataAsync(LineReader reader, CancellationToken token)
    {
        using var data = new MemoryStream();
        while (true)
        {
            var line = await reader.ReadLineAsync(token) ?? throw new IOException("Connection closed during DATA.");
            if (line is [(byte)'.'])
            {
                return data.ToArray();
            }

            var start = line.Length > 0 && line[0] == (byte)'.' ? 1 : 0;
            data.Write(line, start, line.Length - start);
            data.Write("\r\n"u8);
        }
    }

    private static string Address(string line)
    {
        var open = line.IndexOf('<', StringComparison.Ordinal);
        var close = line.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? line[(open + 1)..close] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>Reads CRLF-terminated lines as bytes (DATA may carry 8-bit content).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken token)
        {
            using var line = new MemoryStream();
            while (true)
            {
                for (var i = _start; i < _end; i++)
                {
                    if (_buffer[i] == (byte)'\n')
                    {
                        line.Write(_buffer, _start, i - _start);
                        _start = i + 1;
                        var bytes = line.ToArray();
                        return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
                    }
                }

                line.Write(_buffer, _start, _end - _start);
                _start = 0;
                _end = await stream.ReadAsync(_buffer, token);
                if (_end == 0)
                {
                    return null;
                }
            }
        }
    }
}
