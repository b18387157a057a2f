using HelpDesk.Application.Common;
using HelpDesk.Application.Email;

namespace HelpDesk.Infrastructure.Email;

public sealed partial class MimeKitEmailParser
{
    /// <summary>
    /// Mail cannot be refused for its characters (it is read as leniently as a mail client reads it), but PostgreSQL
    /// refuses NUL and control characters have no place in names and subjects: they are removed here, once, before
    /// anything is stored (issue 14). Line breaks stay only in the bodies.
    /// </summary>
    private static InboundEmail WithoutControlCharacters(InboundEmail email) => email with
    {
        MessageId = Line(email.MessageId)!,
        From = Address(email.From),
        To = [.. email.To.Select(a => Address(a)!)],
        Cc = [.. email.Cc.Select(a => Address(a)!)],
        ReplyTo = [.. email.ReplyTo.Select(a => Address(a)!)],
        Subject = Line(email.Subject)!,
        InReplyTo = Line(email.InReplyTo),
        References = [.. email.References.Select(r => Line(r)!)],
        ThreadIndex = Line(email.ThreadIndex),
        TextBody = TextInput.Clean(email.TextBody, multiLine: true)!,
        QuotedText = TextInput.Clean(email.QuotedText, multiLine: true)!,
        SanitizedHtmlBody = TextInput.Clean(email.SanitizedHtmlBody, multiLine: true),
        Attachments = [.. email.Attachments.Select(a => a with
        {
            FileName = Line(a.FileName)!,
            ContentType = Line(a.ContentType)!,
            ContentId = Line(a.ContentId),
            RefusedReason = Line(a.RefusedReason),
        })],
    };

    private static string? Line(string? value) => TextInput.Clean(value, multiLine: false);

    private static EmailAddress? Address(EmailAddress? address) =>
        address is null ? null : new EmailAddress(Line(address.Address)!, Line(address.DisplayName));
}
