using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HelpDesk.Application.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Infrastructure.Email;

/// <summary><see cref="IInboundEmailParser"/> on MimeKit. Reads the whole message into memory (bounded by maxBytes).</summary>
public sealed partial class MimeKitEmailParser(IOptions<EmailParsingOptions> options, EmailHtmlSanitizer sanitizer) : IInboundEmailParser
{
    private static readonly string[] DownloadOnlyTypes =
    [
        "image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/javascript",
        "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript", "text/xsl",
    ];

    // Legacy charsets (Shift_JIS, KOI8-R, windows-125x in encoded words) must be available however tests or hosts start.
    static MimeKitEmailParser() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    private static readonly string[] DownloadOnlyExtensions = [".svg", ".svgz", ".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".js", ".mjs"];

    public async Task<EmailParseResult> ParseAsync(Stream rawMime, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawMime);
        var raw = await ReadBoundedAsync(rawMime, maxBytes, cancellationToken);
        if (raw is null)
        {
            return EmailParseResult.Refused(EmailParseRefusal.TooLarge, $"The message is larger than the limit of {maxBytes:N0} bytes.");
        }

        if (raw.Length == 0 || !LooksLikeHeader(raw))
        {
            return EmailParseResult.Refused(EmailParseRefusal.NotMime, "The data does not start with an RFC 5322 header (name: value).");
        }

        MimeMessage message;
        try
        {
            using var memory = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(memory, cancellationToken);
        }
        catch (FormatException ex)
        {
            return EmailParseResult.Refused(EmailParseRefusal.NotMime, $"The data is not a MIME message: {ex.Message}");
        }

        return EmailParseResult.Parsed(WithoutControlCharacters(Build(message, raw)));
    }

    private InboundEmail Build(MimeMessage message, byte[] raw)
    {
        var subject = message.Subject ?? "";
        var textPart = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment);
        var htmlPart = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsHtml && !p.IsAttachment);
        var plain = textPart is not null ? PlainText(textPart) : htmlPart is null ? "" : HtmlToText.Convert(htmlPart.Text);
        var (text, quoted) = QuoteFolder.Fold(plain, ForwardSubject().IsMatch(subject));
        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId.Trim();

        return new InboundEmail
        {
            MessageId = messageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)),
            MessageIdIsContentHash = messageId is null,
            From = Addresses(message.From).FirstOrDefault(),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            ReplyTo = Addresses(message.ReplyTo),
            Subject = subject,
            Date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : null,
            InReplyTo = string.IsNullOrWhiteSpace(message.InReplyTo) ? null : message.InReplyTo,
            References = [.. message.References],
            ThreadIndex = message.Headers["Thread-Index"]?.Trim(),
            CaseTokens = [.. CaseToken().Matches(subject).Select(m => "HD-" + m.Groups[1].Value).Distinct()],
            TextBody = text,
            QuotedText = quoted,
            SanitizedHtmlBody = htmlPart is null ? null : sanitizer.Sanitize(htmlPart.Text),
            Attachments = Attachments(message, textPart, htmlPart),
            Classification = EmailClassifier.Classify(message, MalformedReason(message, raw)),
        };
    }

    /// <summary>The text of a plain part, with format=flowed (RFC 3676, Thunderbird and others) soft line breaks joined.</summary>
    private static string PlainText(TextPart part)
    {
        var text = part.Text;
        if (!string.Equals(part.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var deleteSpace = string.Equals(part.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase);
        return new MimeKit.Text.FlowedToText { DeleteSpace = deleteSpace }.Convert(text);
    }

    private List<EmailAttachment> Attachments(MimeMessage message, MimeEntity? textBody, MimeEntity? htmlBody)
    {
        var limits = options.Value;
        var result = new List<EmailAttachment>();
        long total = 0;
        var index = 0;
        foreach (var entity in message.BodyParts)
        {
            if (ReferenceEquals(entity, textBody) || ReferenceEquals(entity, htmlBody))
            {
                continue;
            }

            index++;
            var bytes = Content(entity);
            var contentType = entity.ContentType.MimeType.ToLowerInvariant();
            var fileName = FileName(entity, index);
            var contentId = string.IsNullOrWhiteSpace(entity.ContentId) ? null : entity.ContentId;
            var inline = (contentId is not null && !entity.IsAttachment) || (entity.ContentDisposition?.Disposition == ContentDisposition.Inline && entity is not TextPart);
            string? refused = null;
            if (bytes.Length > limits.MaxAttachmentBytes)
            {
                refused = $"{fileName} is {bytes.Length:N0} bytes; the limit per attachment is {limits.MaxAttachmentBytes:N0} bytes.";
            }
            else if (total + bytes.Length > limits.MaxTotalAttachmentBytes)
            {
                refused = $"{fileName} would bring the attachments to {total + bytes.Length:N0} bytes; the limit per message is {limits.MaxTotalAttachmentBytes:N0} bytes.";
            }
            else
            {
                total += bytes.Length;
            }

            result.Add(new EmailAttachment(
                fileName, contentType, bytes.Length, inline, contentId, IsDownloadOnly(contentType, fileName), refused,
                refused is null ? bytes : ReadOnlyMemory<byte>.Empty));
        }

        return result;
    }

    private static byte[] Content(MimeEntity entity)
    {
        using var stream = new MemoryStream();
        switch (entity)
        {
            case MimePart { Content: not null } part:
                part.Content.DecodeTo(stream);
                break;
            case MessagePart { Message: not null } attached:
                attached.Message.WriteTo(stream);
                break;
        }

        return stream.ToArray();
    }

    private static string FileName(MimeEntity entity, int index)
    {
        var name = (entity as MimePart)?.FileName ?? entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        if (!string.IsNullOrWhiteSpace(name))
        {
            return Path.GetFileName(name.Replace('\\', '/').Trim());
        }

        return entity switch
        {
            MessagePart when entity.ContentType.IsMimeType("message", "rfc822") => $"message-{index}.eml",
            _ when MimeTypes.TryGetExtension(entity.ContentType.MimeType, out var known) => $"part-{index}{known}",
            _ when entity.ContentType.MediaType.Equals("text", StringComparison.OrdinalIgnoreCase) => $"part-{index}.txt",
            _ => $"part-{index}.bin",
        };
    }

    public static bool IsDownloadOnly(string contentType, string fileName) =>
        DownloadOnlyTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase)
        || contentType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
        || DownloadOnlyExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);

    private static string? MalformedReason(MimeMessage message, byte[] raw)
    {
        if (!message.Headers.Contains(HeaderId.From))
        {
            return "no From header";
        }

        if (message.From.Mailboxes.FirstOrDefault() is not { } from || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            return $"From header has no usable address: \"{message.Headers[HeaderId.From]?.Trim()}\"";
        }

        var text = System.Text.Encoding.Latin1.GetString(raw);
        var truncated = AllMultiparts(message.Body).FirstOrDefault(m => m.Count == 0 || !text.Contains("--" + m.Boundary + "--", StringComparison.Ordinal));
        if (truncated is not null)
        {
            return $"{truncated.ContentType.MimeType} is truncated or empty: no parts, or the closing boundary \"--{truncated.Boundary}--\" is missing";
        }

        return null;
    }

    private static IEnumerable<Multipart> AllMultiparts(MimeEntity? entity)
    {
        if (entity is not Multipart multipart)
        {
            yield break;
        }

        yield return multipart;
        foreach (var child in multipart.SelectMany(AllMultiparts))
        {
            yield return child;
        }
    }

    private static List<EmailAddress> Addresses(InternetAddressList list) =>
        [.. list.Mailboxes.Select(m => new EmailAddress(m.Address, string.IsNullOrWhiteSpace(m.Name) ? null : m.Name))];

    private static bool LooksLikeHeader(byte[] raw)
    {
        var head = System.Text.Encoding.Latin1.GetString(raw, 0, Math.Min(raw.Length, 1000));
        return HeaderLine().IsMatch(head);
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [GeneratedRegex(@"\[HD-(\d{6,})\]", RegexOptions.IgnoreCase)]
    private static partial Regex CaseToken();

    [GeneratedRegex(@"^\s*(fwd?|wg|tr)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"\A(From [^\r\n]*\r?\n)?[!-9;-~]+:")]
    private static partial Regex HeaderLine();
}
