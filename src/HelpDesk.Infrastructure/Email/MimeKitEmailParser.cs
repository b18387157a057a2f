using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HelpDesk.Application.Email;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Tnef;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// <see cref="IInboundEmailParser"/> on MimeKit, as lenient as a mail client: junk, a byte-order mark or an mbox "From "
/// line before the headers is skipped, raw 8-bit headers are decoded by UTF-8, the declared charsets, then detection
/// (<see cref="CharsetGuess"/>), missing end boundaries and empty multiparts are read as far as they go, and a sender is
/// taken from From, else Reply-To, Sender or Return-Path. Reads the whole message into memory (bounded by maxBytes).
/// </summary>
public sealed partial class MimeKitEmailParser(IOptions<EmailParsingOptions> options, EmailHtmlSanitizer sanitizer) : IInboundEmailParser
{
    private static readonly string[] DownloadOnlyTypes =
    [
        "image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/javascript",
        "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript", "text/xsl",
    ];

    // Legacy charsets (Shift_JIS, KOI8-R, windows-125x, GB2312) must be available however tests or hosts start.
    static MimeKitEmailParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly string[] DownloadOnlyExtensions = [".svg", ".svgz", ".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".js", ".mjs"];

    /// <summary>How many lines of junk (a BOM, an mbox "From " line, a stray line) may precede the first header.</summary>
    private const int MaxLeadingJunkLines = 5;

    public async Task<EmailParseResult> ParseAsync(Stream rawMime, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rawMime);
        var raw = await ReadBoundedAsync(rawMime, maxBytes, cancellationToken);
        if (raw is null)
        {
            return EmailParseResult.Refused(EmailParseRefusal.TooLarge, $"The message is larger than the limit of {maxBytes:N0} bytes.");
        }

        var start = MessageStart(raw);
        if (start < 0)
        {
            return EmailParseResult.Refused(EmailParseRefusal.NotMime, "The data does not start with an RFC 5322 header (name: value).");
        }

        var data = start == 0 ? raw : raw[start..];
        data = CharsetGuess.FixMislabelledEncodedWords(data);
        var parserOptions = ParserOptions.Default.Clone();
        parserOptions.CharsetEncoding = CharsetGuess.HeaderEncoding(data);

        MimeMessage message;
        try
        {
            using var memory = new MemoryStream(data, writable: false);
            message = await MimeMessage.LoadAsync(parserOptions, memory, cancellationToken);
        }
        catch (FormatException ex)
        {
            return EmailParseResult.Refused(EmailParseRefusal.NotMime, $"The data is not a MIME message: {ex.Message}");
        }

        return EmailParseResult.Parsed(WithoutControlCharacters(Build(message, raw)));
    }

    private InboundEmail Build(MimeMessage message, byte[] raw)
    {
        var subject = Clean(OneLine(message.Subject ?? ""));
        var body = new BodyCollector();
        body.Walk(message.Body, top: true);
        var plain = body.Text();
        var html = body.Html();
        var (text, quoted) = QuoteFolder.Fold(plain, ForwardSubject().IsMatch(subject));
        var messageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : Clean(message.MessageId.Trim());
        var (from, source) = Sender(message);
        var attachments = Attachments(body.Attachments);
        var malformed = from is null && string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(quoted) && attachments.Count == 0
            ? $"no sender address and no readable text (From: \"{Clean(message.Headers[HeaderId.From]?.Trim() ?? "")}\")"
            : null;
        var date = message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue ? message.Date : (DateTimeOffset?)null;

        return new InboundEmail
        {
            MessageId = messageId ?? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw)),
            MessageIdIsContentHash = messageId is null,
            From = from,
            SenderSource = source,
            RawFrom = source == SenderSource.From ? null : Clean(message.Headers[HeaderId.From]?.Trim() ?? ""),
            Fingerprint = Fingerprint(messageId, message, from, subject, plain, raw),
            To = Addresses(message.To),
            Cc = Addresses(message.Cc),
            ReplyTo = Addresses(message.ReplyTo),
            Subject = subject,
            Date = date,
            InReplyTo = string.IsNullOrWhiteSpace(message.InReplyTo) ? null : Clean(message.InReplyTo),
            References = [.. message.References.Select(Clean)],
            ThreadIndex = message.Headers["Thread-Index"]?.Trim(),
            CaseTokens = [.. CaseToken().Matches(subject).Select(m => "HD-" + m.Groups[1].Value).Distinct()],
            TextBody = Clean(text),
            QuotedText = Clean(quoted),
            SanitizedHtmlBody = html is null ? null : Clean(sanitizer.Sanitize(html)),
            Attachments = attachments,
            Classification = EmailClassifier.Classify(message, malformed) is var c ? c with { Reason = Clean(c.Reason) } : null!,
            NoAutoReplyReason = EmailClassifier.NoAutoReplyReason(message, from),
            XLoop = [.. message.Headers.Where(h => h.Id == HeaderId.Unknown && h.Field.Equals("X-Loop", StringComparison.OrdinalIgnoreCase)).Select(h => Clean(h.Value.Trim()))],
        };
    }

    /// <summary>Removes NUL characters, which PostgreSQL text cannot hold (and no person can read).</summary>
    internal static string Clean(string value) => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;

    private static string OneLine(string value) => value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
        ? value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim()
        : value.Trim();

    /// <summary>Same Message-ID, From, Date and Subject (plus the text when there is no Date): the same message, redelivered.</summary>
    private static string Fingerprint(string? messageId, MimeMessage message, EmailAddress? from, string subject, string text, byte[] raw)
    {
        if (messageId is null)
        {
            return Convert.ToHexStringLower(SHA256.HashData(raw));
        }

        var date = message.Headers[HeaderId.Date]?.Trim() ?? "";
        var key = new StringBuilder().Append(messageId).Append('\n').Append(from?.Address.ToLowerInvariant()).Append('\n').Append(date).Append('\n').Append(subject);
        if (date.Length == 0)
        {
            key.Append('\n').Append(text.Trim());
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }

    /// <summary>From; when it names no usable address: Reply-To, Sender, Return-Path, in that order.</summary>
    private static (EmailAddress? Address, SenderSource Source) Sender(MimeMessage message)
    {
        var fromName = message.From.Mailboxes.Select(m => m.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        if (Usable(message.From, message.Headers[HeaderId.From]) is { } from)
        {
            return (from, SenderSource.From);
        }

        fromName ??= BareName(message.Headers[HeaderId.From]);
        if (Usable(message.ReplyTo, message.Headers[HeaderId.ReplyTo]) is { } replyTo)
        {
            return (replyTo with { DisplayName = Clean(fromName ?? replyTo.DisplayName ?? "") is { Length: > 0 } n ? n : null }, SenderSource.ReplyTo);
        }

        if (message.Sender is { } sender && IsUsable(sender.Address))
        {
            return (new EmailAddress(Clean(sender.Address), Clean(fromName ?? sender.Name ?? "") is { Length: > 0 } n ? n : null), SenderSource.Sender);
        }

        if (Usable(new InternetAddressList(), message.Headers[HeaderId.ReturnPath]) is { } returnPath)
        {
            return (returnPath with { DisplayName = fromName is null ? null : Clean(fromName) }, SenderSource.ReturnPath);
        }

        return (null, SenderSource.None);
    }

    /// <summary>The first mailbox with a usable address; when MimeKit could not read the header, an address found in its text.</summary>
    private static EmailAddress? Usable(InternetAddressList parsed, string? headerValue)
    {
        foreach (var mailbox in parsed.Mailboxes)
        {
            if (IsUsable(mailbox.Address))
            {
                return new EmailAddress(Clean(mailbox.Address.Trim()), string.IsNullOrWhiteSpace(mailbox.Name) ? null : Clean(mailbox.Name.Trim()));
            }
        }

        // "Test test@example.com" (no angle brackets), "Name <user@host" and other shapes MimeKit will not read.
        if (headerValue is not null && BareAddress().Match(headerValue) is { Success: true } found && IsUsable(found.Value))
        {
            var name = headerValue[..found.Index].Trim().TrimEnd('<').Trim().Trim('"').Trim();
            return new EmailAddress(Clean(found.Value), name.Length == 0 ? null : Clean(DecodeWords(name)));
        }

        return null;
    }

    private static string? BareName(string? headerValue)
    {
        var name = headerValue?.Split('<')[0].Trim().Trim('"').Trim();
        return string.IsNullOrEmpty(name) || name.Contains('@', StringComparison.Ordinal) ? null : DecodeWords(name);
    }

    private static string DecodeWords(string value) => value.Contains("=?", StringComparison.Ordinal) ? MimeKit.Utils.Rfc2047.DecodeText(Encoding.UTF8.GetBytes(value)) : value;

    private static bool IsUsable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 254)
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        return at > 0 && at < address.Length - 1 && !address.Any(char.IsWhiteSpace) && address[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !address.Contains('\0', StringComparison.Ordinal);
    }

    private List<EmailAttachment> Attachments(IReadOnlyList<MimeEntity> entities)
    {
        var limits = options.Value;
        var result = new List<EmailAttachment>();
        long total = 0;
        var index = 0;
        foreach (var entity in entities)
        {
            index++;
            var bytes = Content(entity);
            var contentType = Clean(entity.ContentType.MimeType.ToLowerInvariant());
            var fileName = Clean(FileName(entity, index));
            var contentId = string.IsNullOrWhiteSpace(entity.ContentId) ? null : Clean(entity.ContentId);
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
                if (stream.Length == 0 && part.ContentTransferEncoding == ContentEncoding.UUEncode)
                {
                    // MimeKit's decoder needs the "begin" line; some senders omit or mangle it.
                    return Uuencode.DecodeLines(RawContent(part)) ?? [];
                }

                break;
            case MessagePart { Message: not null } attached:
                attached.Message.WriteTo(stream);
                break;
        }

        return stream.ToArray();
    }

    internal static string RawContent(MimePart part)
    {
        using var stream = new MemoryStream();
        var source = part.Content?.Stream;
        if (source is null)
        {
            return "";
        }

        source.Position = 0;
        source.CopyTo(stream);
        return Encoding.Latin1.GetString(stream.ToArray());
    }

    private static string FileName(MimeEntity entity, int index)
    {
        var name = (entity as MimePart)?.FileName ?? entity.ContentDisposition?.FileName ?? entity.ContentType.Name;
        if (!string.IsNullOrWhiteSpace(name))
        {
            var file = Path.GetFileName(name.Replace('\\', '/').Trim());
            if (file.Length > 0)
            {
                return file;
            }
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

    private static List<EmailAddress> Addresses(InternetAddressList list) =>
        [.. list.Mailboxes.Where(m => !string.IsNullOrWhiteSpace(m.Address))
            .Select(m => new EmailAddress(Clean(m.Address), string.IsNullOrWhiteSpace(m.Name) ? null : Clean(m.Name)))];

    /// <summary>
    /// Where the headers start: after a UTF-8 byte-order mark and up to <see cref="MaxLeadingJunkLines"/> lines that are not
    /// headers (an mbox "From " line, a stray line some gateways add). -1 when no header block follows.
    /// </summary>
    internal static int MessageStart(byte[] raw)
    {
        var offset = raw.Length >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF ? 3 : 0;
        for (var line = 0; line <= MaxLeadingJunkLines && offset < raw.Length; line++)
        {
            if (IsHeaderBlockAt(raw, offset))
            {
                return offset;
            }

            var newline = Array.IndexOf(raw, (byte)'\n', offset);
            if (newline < 0 || newline - offset > 1000 || raw.AsSpan(offset, newline - offset).Contains((byte)0))
            {
                return -1;
            }

            offset = newline + 1;
        }

        return -1;
    }

    /// <summary>A header line ("Name: value") followed by another header line, a continuation or the blank line.</summary>
    private static bool IsHeaderBlockAt(byte[] raw, int offset)
    {
        var head = Encoding.Latin1.GetString(raw, offset, Math.Min(raw.Length - offset, 4000));
        if (!HeaderLine().IsMatch(head))
        {
            return false;
        }

        var lines = head.Split('\n');
        if (lines.Length == 1)
        {
            return true;
        }

        var next = lines[1].TrimEnd('\r');
        return next.Length == 0 || next[0] is ' ' or '\t' || HeaderLine().IsMatch(next) || lines.Length == 2;
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

    /// <summary>
    /// The body the way a mail client shows it: in multipart/alternative the plain part (HTML when there is none), in
    /// multipart/related the root, in multipart/mixed every inline text part in order (text between attachments stays
    /// text); parts with Content-Disposition: attachment or a file name, and everything else, are attachments. TNEF
    /// (winmail.dat) is unpacked, uuencoded blocks in the text become attachments.
    /// </summary>
    private sealed class BodyCollector
    {
        private readonly List<(string Text, string? Html)> _pieces = [];

        public List<MimeEntity> Attachments { get; } = [];

        public string Text() => string.Join("\n\n", _pieces.Select(p => p.Text.Trim('\r', '\n')).Where(t => t.Trim().Length > 0));

        public string? Html()
        {
            if (!_pieces.Any(p => p.Html is not null))
            {
                return null;
            }

            return string.Join("\n", _pieces.Select(p => p.Html ?? "<pre>" + System.Net.WebUtility.HtmlEncode(p.Text) + "</pre>"));
        }

        public void Walk(MimeEntity? entity, bool top = false)
        {
            switch (entity)
            {
                case null:
                    return;
                case MultipartAlternative alternative:
                    Alternative(alternative);
                    return;
                case MultipartRelated related:
                    var root = related.Root ?? related.FirstOrDefault();
                    Walk(root);
                    Attachments.AddRange(related.Where(p => !ReferenceEquals(p, root)));
                    return;
                case Multipart multipart:
                    if (multipart.Count == 0)
                    {
                        // An empty multipart, or one whose boundary never appears: what a client shows is the preamble.
                        AddText(multipart.Preamble);
                    }

                    foreach (var child in multipart)
                    {
                        if (child is Multipart or TnefPart || IsTnef(child))
                        {
                            Walk(child);
                        }
                        else if (child is TextPart text && IsBodyText(text))
                        {
                            AddTextPart(text);
                        }
                        else
                        {
                            Attachments.Add(child);
                        }
                    }

                    return;
                case TnefPart tnef:
                    Tnef(tnef);
                    return;
                case MimePart part when IsTnef(part):
                    Tnef(new TnefPart { Content = part.Content });
                    return;
                case TextPart text when IsBodyText(text) || (top && (text.IsPlain || text.IsHtml) && !text.IsAttachment):
                    AddTextPart(text);
                    return;
                default:
                    Attachments.Add(entity);
                    return;
            }
        }

        private static bool IsTnef(MimeEntity entity) =>
            entity is MimePart && (entity.ContentType.IsMimeType("application", "ms-tnef") || entity.ContentType.IsMimeType("application", "vnd.ms-tnef")
                || string.Equals((entity as MimePart)?.FileName, "winmail.dat", StringComparison.OrdinalIgnoreCase));

        /// <summary>Plain or HTML text that is not an attachment: no "attachment" disposition and no file name.</summary>
        private static bool IsBodyText(TextPart text) =>
            (text.IsPlain || text.IsHtml) && !text.IsAttachment && string.IsNullOrWhiteSpace(text.FileName);

        private void Alternative(MultipartAlternative alternative)
        {
            string? plain = null;
            string? html = null;
            foreach (var child in alternative)
            {
                switch (child)
                {
                    case TextPart text when text.IsPlain && !text.IsAttachment:
                        plain ??= PlainText(text);
                        break;
                    case TextPart text when text.IsHtml && !text.IsAttachment:
                        html = CharsetGuess.TextOf(text);
                        break;
                    case Multipart nested:
                        var inner = new BodyCollector();
                        inner.Walk(nested);
                        html = inner.Html() ?? html;
                        if (inner.Html() is null && inner.Text().Length > 0)
                        {
                            plain ??= inner.Text();
                        }

                        Attachments.AddRange(inner.Attachments);
                        break;
                    case TextPart:
                        // text/calendar, text/enriched and the like: no body of their own here.
                        break;
                    default:
                        Attachments.Add(child);
                        break;
                }
            }

            if (plain is null && html is null)
            {
                return;
            }

            AddPiece(plain ?? HtmlToText.Convert(html!), html);
        }

        private void AddTextPart(TextPart text)
        {
            if (text.IsHtml)
            {
                var html = CharsetGuess.TextOf(text);
                AddPiece(HtmlToText.Convert(html), html);
            }
            else
            {
                AddPiece(PlainText(text), null);
            }
        }

        private void AddText(string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                AddPiece(text, null);
            }
        }

        private void AddPiece(string text, string? html)
        {
            var (rest, files) = Uuencode.Extract(text);
            _pieces.Add((rest, files.Count > 0 && html is null ? null : html));
            foreach (var (name, bytes) in files)
            {
                Attachments.Add(new MimePart(MimeTypes.GetMimeType(name)) { FileName = name, Content = new MimeContent(new MemoryStream(bytes)) });
            }
        }

        private void Tnef(TnefPart tnef)
        {
            try
            {
                var converted = tnef.ConvertToMessage();
                var text = converted.TextBody;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    AddPiece(text, null);
                }
                else if (converted.HtmlBody is { } html && !string.IsNullOrWhiteSpace(html))
                {
                    AddPiece(HtmlToText.Convert(html), html);
                }

                Attachments.AddRange(tnef.ExtractAttachments().Where(a => a is not TextPart t || !string.IsNullOrEmpty(t.FileName)));
            }
            catch (Exception ex) when (ex is FormatException or TnefException or InvalidOperationException or ArgumentException or IOException or NotSupportedException)
            {
                // Unreadable TNEF: keep the winmail.dat itself.
                Attachments.Add(tnef);
            }
        }
    }

    /// <summary>The text of a plain part (charset checked), with format=flowed (RFC 3676) soft line breaks joined.</summary>
    private static string PlainText(TextPart part)
    {
        var text = CharsetGuess.TextOf(part);
        if (!string.Equals(part.ContentType.Parameters["format"], "flowed", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var deleteSpace = string.Equals(part.ContentType.Parameters["delsp"], "yes", StringComparison.OrdinalIgnoreCase);
        return new MimeKit.Text.FlowedToText { DeleteSpace = deleteSpace }.Convert(text);
    }

    [GeneratedRegex(@"\[HD-(\d{6,})\]", RegexOptions.IgnoreCase)]
    private static partial Regex CaseToken();

    [GeneratedRegex(@"^\s*(fwd?|wg|tr)\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ForwardSubject();

    [GeneratedRegex(@"\A[!-9;-~]+[ \t]*:")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")]
    private static partial Regex BareAddress();
}
