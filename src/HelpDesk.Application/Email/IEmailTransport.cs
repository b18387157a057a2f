using HelpDesk.Domain.Email;

namespace HelpDesk.Application.Email;

/// <summary>Delivers one outbox message to an SMTP server (MailKit in Infrastructure).</summary>
public interface IEmailTransport
{
    /// <exception cref="EmailTransportException">The server refused the message or could not be reached.</exception>
    Task SendAsync(OutboundEmail email, SmtpEndpoint endpoint, CancellationToken cancellationToken);
}

/// <summary>Where and as whom a message is sent. <see cref="Password"/> is plain text: never log it.</summary>
public sealed record SmtpEndpoint(
    string Host, int Port, MailSecurity Security, string? User, string? Password, string FromAddress, string? FromName, string Source)
{
    public override string ToString() => $"{Source} ({Host}:{Port})";
}

/// <summary>A failed delivery attempt. <see cref="Permanent"/>: the server rejected it for good (5xx); retrying cannot help.</summary>
public sealed class EmailTransportException(string message, bool permanent, Exception? innerException = null)
    : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}
