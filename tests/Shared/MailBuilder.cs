using System.Text;

namespace HelpDesk.Testing;

/// <summary>Small hand-written RFC 5322 messages for tests (CRLF line ends).</summary>
public static class MailBuilder
{
    public static byte[] Text(string from, string subject, string body, string? messageId = null, string? inReplyTo = null,
        string? cc = null, string to = "support@helpdesk.example", string? extraHeaders = null)
    {
        var sb = new StringBuilder();
        sb.Append("From: ").Append(from).Append("\r\n");
        sb.Append("To: ").Append(to).Append("\r\n");
        if (cc is not null) sb.Append("Cc: ").Append(cc).Append("\r\n");
        sb.Append("Subject: ").Append(subject).Append("\r\n");
        sb.Append("Date: Tue, 01 Dec 2026 12:00:00 +0000\r\n");
        sb.Append("Message-ID: <").Append(messageId ?? Guid.NewGuid().ToString("N") + "@test.example").Append(">\r\n");
        if (inReplyTo is not null) sb.Append("In-Reply-To: <").Append(inReplyTo).Append(">\r\nReferences: <").Append(inReplyTo).Append(">\r\n");
        if (extraHeaders is not null) sb.Append(extraHeaders.Replace("\n", "\r\n", StringComparison.Ordinal)).Append("\r\n");
        sb.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        sb.Append(body.Replace("\n", "\r\n", StringComparison.Ordinal)).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>A message with an HTML body that tries every trick: script, event handlers, javascript: links, SVG.</summary>
    public static byte[] HostileHtml(string from, string messageId)
    {
        const string html = "<html><head><script>window.__pwned = 'script';</script></head><body>"
            + "<p><b>Your invoice</b> is overdue.</p>"
            + "<img src=\"x\" onerror=\"window.__pwned='onerror'\">"
            + "<a href=\"javascript:window.__pwned='link'\" id=\"evil-link\">Pay now</a>"
            + "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg-script'</script></svg>"
            + "<iframe src=\"javascript:alert(1)\"></iframe>"
            + "<div style=\"background:url(javascript:alert(1))\" onmouseover=\"alert(1)\">hover</div>"
            + "<form action=\"https://phish.example/\"><input name=\"card\"></form>"
            + "</body></html>";
        var raw = $"From: {from}\r\nTo: support@helpdesk.example\r\nSubject: Invoice overdue\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\n"
            + $"Message-ID: <{messageId}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
            + "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYour invoice is overdue.\r\n"
            + "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--alt--\r\n";
        return Encoding.UTF8.GetBytes(raw);
    }

    /// <summary>A message with one attachment of <paramref name="size"/> bytes (base64 encoded).</summary>
    public static byte[] WithAttachment(string from, string fileName, string contentType, int size, string? messageId = null)
    {
        var content = new byte[size];
        new Random(size).NextBytes(content);
        var b64 = Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks);
        var raw = $"From: {from}\r\nTo: support@helpdesk.example\r\nSubject: File attached\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\n"
            + $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@test.example"}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n"
            + "--mix\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attached file.\r\n"
            + $"--mix\r\nContent-Type: {contentType}\r\nContent-Disposition: attachment; filename=\"{fileName}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + b64 + "\r\n--mix--\r\n";
        return Encoding.UTF8.GetBytes(raw);
    }

    /// <summary>A 1×1 PNG.</summary>
    public const string TinyPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>
    /// An HTML message with one inline PNG (multipart/related) whose Content-ID header is written exactly as given
    /// (angle brackets included), so a test can put quotes and markup into it.
    /// </summary>
    public static byte[] HtmlWithInlineImage(string from, string contentIdHeader, string html, string? messageId = null, string subject = "Screenshot attached")
    {
        var raw = $"From: {from}\r\nTo: support@helpdesk.example\r\nSubject: {subject}\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\n"
            + $"Message-ID: <{messageId ?? Guid.NewGuid().ToString("N") + "@test.example"}>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"rel\"\r\n\r\n"
            + "--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n"
            + $"--rel\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=\"shot.png\"\r\nContent-ID: {contentIdHeader}\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + TinyPngBase64 + "\r\n--rel--\r\n";
        return Encoding.UTF8.GetBytes(raw);
    }
}
