using System.Text.RegularExpressions;
using HelpDesk.Application.Email;
using MimeKit;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Loop and noise protection by headers and structure. Order: malformed, bounce, auto-reply, bulk, normal
/// (a bounce often also carries Auto-Submitted; it is reported as the more specific bounce).
/// </summary>
internal static partial class EmailClassifier
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

        if (OutOfOffice(message) is { } outOfOffice)
        {
            return new(InboundEmailKind.AutoReply, outOfOffice);
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

    /// <summary>
    /// Exchange/Outlook out-of-office replies: an "Automatic reply:"/"Out of Office" subject (and its translations) together
    /// with one of Exchange's markers (X-Auto-Response-Suppress, an X-MS-Exchange header, Thread-Index), or Exchange's own
    /// inbox-rule out-of-office header.
    /// </summary>
    private static string? OutOfOffice(MimeMessage message)
    {
        var headers = message.Headers;
        if (headers.Contains("X-MS-Exchange-Generated-Message-Source")
            && (headers["X-MS-Exchange-Generated-Message-Source"] ?? "").Contains("Mailbox Rules Agent", StringComparison.OrdinalIgnoreCase)
            && OutOfOfficeSubject().IsMatch(message.Subject ?? ""))
        {
            return "Exchange out-of-office (Mailbox Rules Agent)";
        }

        var exchangeMarker = headers.Contains("X-Auto-Response-Suppress") || headers.Contains("Thread-Index")
            || headers.Any(h => h.Field.StartsWith("X-MS-Exchange", StringComparison.OrdinalIgnoreCase));
        if (exchangeMarker && OutOfOfficeSubject().IsMatch(message.Subject ?? ""))
        {
            return $"out-of-office reply (subject \"{message.Subject!.Trim()}\")";
        }

        return null;
    }

    /// <summary>
    /// Why a message that may open a case must still never get an automatic reply (RFC 3834 and what servers send):
    /// X-Auto-Response-Suppress All/AutoReply/OOF, any X-Loop, List-Unsubscribe. (Role senders: see <see cref="RoleAddresses"/>.)
    /// </summary>
    public static string? NoAutoReplyReason(MimeMessage message, EmailAddress? sender)
    {
        var headers = message.Headers;
        var suppress = headers["X-Auto-Response-Suppress"];
        if (suppress is not null && suppress.Split(',', ';', ' ').Select(v => v.Trim()).Any(v =>
                v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase)))
        {
            return $"X-Auto-Response-Suppress: {suppress.Trim()}";
        }

        if (headers["X-Loop"] is { } loop)
        {
            return $"X-Loop: {loop.Trim()}";
        }

        if (headers.Contains(HeaderId.ListUnsubscribe))
        {
            return "List-Unsubscribe (sent by a mailing system)";
        }

        // A role or automated sender (noreply@, abuse@) is checked against the address an acknowledgement would go to:
        // a valid Reply-To naming a person is answered there.
        _ = sender;
        return null;
    }

    [GeneratedRegex(@"^\s*(automatic reply|auto(matische)? ?(antwort|reply)|out of (the )?office|abwesenheitsnotiz|abwesend|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica|autosvar|automatisch antwoord|afwezig|poza biurem|自动回复|自動応答|不在)", RegexOptions.IgnoreCase)]
    private static partial Regex OutOfOfficeSubject();
}
