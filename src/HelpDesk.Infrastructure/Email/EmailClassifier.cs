using HelpDesk.Application.Email;
using MimeKit;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Loop and noise protection by headers and structure. Order: malformed, bounce, auto-reply, bulk, normal
/// (a bounce often also carries Auto-Submitted; it is reported as the more specific bounce).
/// </summary>
internal static class EmailClassifier
{
    private static readonly string[] BounceSenders = ["mailer-daemon", "postmaster"];

    public static InboundEmailClassification Classify(MimeMessage message, string? malformedReason)
    {
        if (malformedReason is not null)
        {
            return new(InboundEmailKind.Malformed, malformedReason);
        }

        if (message.Body is MultipartReport report)
        {
            return new(InboundEmailKind.Bounce, $"multipart/report (report-type={report.ReportType ?? "none"})");
        }

        var reportType = message.Body?.ContentType.Parameters["report-type"];
        if (string.Equals(reportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return new(InboundEmailKind.Bounce, "Content-Type report-type=delivery-status");
        }

        var sender = message.From.Mailboxes.FirstOrDefault()?.LocalPart;
        if (sender is not null && BounceSenders.Any(s => string.Equals(s, sender, StringComparison.OrdinalIgnoreCase)))
        {
            return new(InboundEmailKind.Bounce, $"sent by {sender.ToLowerInvariant()}");
        }

        var headers = message.Headers;
        var autoSubmitted = headers[HeaderId.AutoSubmitted]?.Trim();
        if (!string.IsNullOrEmpty(autoSubmitted) && !string.Equals(autoSubmitted.Split(';')[0].Trim(), "no", StringComparison.OrdinalIgnoreCase))
        {
            return new(InboundEmailKind.AutoReply, $"Auto-Submitted: {autoSubmitted}");
        }

        if (headers.Contains("X-Autoreply"))
        {
            return new(InboundEmailKind.AutoReply, $"X-Autoreply: {headers["X-Autoreply"]?.Trim()}");
        }

        if (headers.Contains("X-Autorespond"))
        {
            return new(InboundEmailKind.AutoReply, $"X-Autorespond: {headers["X-Autorespond"]?.Trim()}");
        }

        var precedence = headers[HeaderId.Precedence]?.Trim().ToLowerInvariant();
        if (precedence == "auto_reply")
        {
            return new(InboundEmailKind.AutoReply, "Precedence: auto_reply");
        }

        if (precedence is "bulk" or "junk" or "list")
        {
            var listId = headers[HeaderId.ListId];
            return new(InboundEmailKind.Bulk, listId is null ? $"Precedence: {precedence}" : $"Precedence: {precedence}, List-Id: {listId.Trim()}");
        }

        if (headers.Contains(HeaderId.ListId))
        {
            return new(InboundEmailKind.Bulk, $"mailing list (List-Id: {headers[HeaderId.ListId]?.Trim()})");
        }

        return InboundEmailClassification.Normal;
    }
}
