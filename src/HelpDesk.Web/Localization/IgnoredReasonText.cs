using HelpDesk.Domain.Email;

namespace HelpDesk.Web.Localization;

/// <summary>The words a person reads for each reason an email opened no case (keys for the shared localizer).</summary>
public static class IgnoredReasonText
{
    public static string Key(IgnoredReason reason) => reason switch
    {
        IgnoredReason.AutoReply => "Automatic reply",
        IgnoredReason.Bounce => "Delivery failure report",
        IgnoredReason.Bulk => "Mailing list or bulk mail",
        IgnoredReason.Loop => "Mail loop (our own mail)",
        IgnoredReason.Unreadable => "No sender and no text",
        IgnoredReason.NotMime => "Not an email",
        IgnoredReason.TooLarge => "Too large",
        IgnoredReason.Failed => "Could not be processed",
        _ => "Other",
    };
}
