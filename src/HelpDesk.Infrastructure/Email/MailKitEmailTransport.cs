using System.Net.Sockets;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Sends an outbox message over SMTP with MailKit: text and HTML alternatives, our signed Message-ID and the thread's
/// In-Reply-To/References, and <c>Auto-Submitted</c> on automatic notifications (RFC 3834) so other systems do not
/// answer them. One connection per message; nothing is cached between sends.
/// </summary>
public sealed class MailKitEmailTransport(IOptions<OutboundEmailOptions> options) : IEmailTransport
{
    public async Task SendAsync(OutboundEmail email, SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(endpoint);
        var message = Build(email, endpoint);
        using var client = new SmtpClient { Timeout = Math.Max(options.Value.TimeoutSeconds, 1) * 1000 };
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, Map(endpoint.Security), cancellationToken);
            if (endpoint.User is not null)
            {
                await client.AuthenticateAsync(endpoint.User, endpoint.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException ex)
        {
            // 5xx: the server refused for good (unknown recipient, policy); 4xx: try again later.
            throw new EmailTransportException($"{endpoint}: {(int)ex.StatusCode} {ex.Message}", permanent: (int)ex.StatusCode >= 500, ex);
        }
        catch (AuthenticationException ex)
        {
            throw new EmailTransportException($"{endpoint}: authentication failed: {ex.Message}", permanent: false, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or SslHandshakeException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EmailTransportException($"{endpoint}: {ex.Message}", permanent: false, ex);
        }
    }

    public static MimeMessage Build(OutboundEmail email, SmtpEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(endpoint);
        var message = new MimeMessage
        {
            Subject = email.Subject,
            MessageId = email.MessageId,
            Date = email.CreatedAt,
        };
        message.From.Add(new MailboxAddress(endpoint.FromName, endpoint.FromAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        if (email.Cc is { } cc)
        {
            foreach (var address in cc.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                message.Cc.Add(MailboxAddress.Parse(address));
            }
        }

        if (email.InReplyTo is { } inReplyTo)
        {
            message.InReplyTo = inReplyTo.Trim().Trim('<', '>');
        }

        if (email.References is { } references)
        {
            foreach (var id in references.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                message.References.Add(id.Trim('<', '>'));
            }
        }

        if (email.Kind != OutboundEmailKind.AgentReply)
        {
            message.Headers.Add("Auto-Submitted", email.Kind == OutboundEmailKind.Acknowledgement ? "auto-replied" : "auto-generated");
        }

        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions Map(MailSecurity security) => security switch
    {
        MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };
}
