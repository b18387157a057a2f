using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Escalations;
using HelpDesk.Domain.Sla;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Localization;

/// <summary>
/// Words for people: every status, outcome, reason, channel, tier and queue a page shows goes through here and the
/// localizer, so nobody reads an enum name or a queue key (issue 15). Unknown values fall back to spaced words, never the key.
/// </summary>
public static class DisplayNames
{
    public static string Status(this IStringLocalizer l, CaseStatus status) => l[status switch
    {
        CaseStatus.New => "New",
        CaseStatus.Open => "Open",
        CaseStatus.PendingSubscriber => "Waiting for the subscriber",
        CaseStatus.PendingInternal => "Waiting on another team",
        CaseStatus.Resolved => "Resolved",
        _ => "Closed",
    }];

    /// <summary>The case status as the subscriber reads it.</summary>
    public static string StatusForSubscriber(this IStringLocalizer l, CaseStatus status) => l[status switch
    {
        CaseStatus.New => "Received",
        CaseStatus.Open or CaseStatus.PendingInternal => "With our support team",
        CaseStatus.PendingSubscriber => "Waiting for you",
        CaseStatus.Resolved => "Resolved",
        _ => "Closed",
    }];

    public static string Priority(this IStringLocalizer l, CasePriority priority) => l[priority switch
    {
        CasePriority.Low => "Low",
        CasePriority.Normal => "Normal",
        CasePriority.High => "High",
        _ => "Urgent",
    }];

    public static string Channel(this IStringLocalizer l, Channel channel) => l[channel switch
    {
        Domain.Channels.Channel.Portal => "Web portal",
        Domain.Channels.Channel.Email => "Email",
        Domain.Channels.Channel.Chat => "Live chat",
        _ => "Phone",
    }];

    public static string Tier(this IStringLocalizer l, AgentTier tier) => l[tier switch
    {
        AgentTier.Tier1 => "Tier 1",
        AgentTier.Tier2 => "Tier 2",
        AgentTier.Tier3 => "Tier 3",
        _ => "Supervisors",
    }];

    public static string Tier(this IStringLocalizer l, AgentTier? tier) => tier is { } t ? l.Tier(t) : l["—"];

    /// <summary>"Tier 1 · Live chat" for <c>Chat-Tier1</c>; a queue an admin named is shown as named (with dashes as spaces).</summary>
    public static string Queue(this IStringLocalizer l, string? queue)
    {
        if (string.IsNullOrWhiteSpace(queue))
        {
            return l["—"];
        }

        if (Enum.TryParse<AgentTier>(queue, out var tier) && Enum.IsDefined(tier))
        {
            return l.Tier(tier);
        }

        var dash = queue.LastIndexOf('-');
        if (dash > 0 && Enum.TryParse<AgentTier>(queue[(dash + 1)..], out var t) && Enum.IsDefined(t))
        {
            var head = queue[..dash];
            var channel = head == "Callback" ? (Channel?)Domain.Channels.Channel.Phone
                : Enum.TryParse<Channel>(head, out var c) ? c : null;
            if (channel is { } ch)
            {
                return l["{0} · {1}", l.Tier(t), l.Channel(ch)];
            }
        }

        return Words(queue.Replace('_', ' ').Replace('-', ' '));
    }

    /// <summary>Who has the case, as the subscriber reads it: never a queue key.</summary>
    public static string TeamForSubscriber(this IStringLocalizer l, AgentTier tier) => l[tier switch
    {
        AgentTier.Tier1 => "our support team",
        AgentTier.Tier2 => "our Tier 2 support team",
        AgentTier.Tier3 => "our senior support team",
        _ => "our supervisors",
    }];

    public static string Category(this IStringLocalizer l, CaseCategory category) => l[CaseCategories.Label(category)];

    public static string SlaState(this IStringLocalizer l, SlaState state) => l[state switch
    {
        Domain.Sla.SlaState.Ok => "On track",
        Domain.Sla.SlaState.Warning => "At risk",
        _ => "Breached",
    }];

    public static string CallbackOutcome(this IStringLocalizer l, CallbackOutcome outcome) => l[outcome switch
    {
        Domain.Callbacks.CallbackOutcome.Reached => "Reached",
        Domain.Callbacks.CallbackOutcome.NoAnswer => "No answer",
        Domain.Callbacks.CallbackOutcome.Voicemail => "Voicemail",
        _ => "Wrong number",
    }];

    public static string ChatState(this IStringLocalizer l, ChatState state) => l[state switch
    {
        Domain.Chat.ChatState.WithAssistant => "With the virtual assistant",
        Domain.Chat.ChatState.Queued => "Waiting for a person",
        Domain.Chat.ChatState.WithAgent => "With an agent",
        Domain.Chat.ChatState.FallbackOffered => "Waiting; callback or email offered",
        _ => "Ended",
    }];

    public static string FollowUpStatus(this IStringLocalizer l, FollowUpStatus status) => l[status switch
    {
        Domain.Cases.FollowUpStatus.Pending => "Pending",
        Domain.Cases.FollowUpStatus.Kept => "Kept",
        Domain.Cases.FollowUpStatus.Missed => "Missed",
        _ => "Withdrawn",
    }];

    public static string EscalationStatus(this IStringLocalizer l, EscalationStatus status) => l[status switch
    {
        Domain.Escalations.EscalationStatus.Pending => "Waiting for approval",
        Domain.Escalations.EscalationStatus.Approved => "Approved",
        _ => "Rejected",
    }];

    /// <summary>A code (reason code, rule, audit field) as words: <c>billing_error</c> → "Billing error".</summary>
    /// <summary>Why an inbound email opened no case ("Ignored mail" page, mailbox admin counts).</summary>
    public static string IgnoredReason(this IStringLocalizer l, Domain.Email.IgnoredReason reason) => l[reason switch
    {
        Domain.Email.IgnoredReason.AutoReply => "Automatic reply",
        Domain.Email.IgnoredReason.Bounce => "Delivery failure report",
        Domain.Email.IgnoredReason.Bulk => "Mailing list or bulk mail",
        Domain.Email.IgnoredReason.Loop => "Mail loop (our own mail)",
        Domain.Email.IgnoredReason.Unreadable => "No sender and no text",
        Domain.Email.IgnoredReason.NotMime => "Not an email",
        Domain.Email.IgnoredReason.TooLarge => "Too large",
        Domain.Email.IgnoredReason.Failed => "Could not be processed",
        _ => "Other",
    }];

    /// <summary>The technical detail of an ignored email without its classification prefix ("AutoReply: Auto-Submitted: …" → "Auto-Submitted: …").</summary>
    public static string IgnoredDetail(string detail)
    {
        var colon = detail.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && detail[..colon] is "AutoReply" or "Bounce" or "Bulk" or "Malformed" or "Loop" ? detail[(colon + 2)..] : detail;
    }

    public static string Code(this IStringLocalizer l, string? code) =>
        string.IsNullOrWhiteSpace(code) ? l["—"] : l[Words(code.Replace('_', ' ').Replace('-', ' ').Replace('.', ' '))];

    /// <summary>
    /// An audit value in words: a queue key as the queue's name, a tier as "Tier 2", an enum name ("PendingSubscriber")
    /// as words, anything else (names, reasons, amounts) as stored.
    /// </summary>
    public static string AuditValue(this IStringLocalizer l, string field, string? value)
    {
        if (value is null)
        {
            return "—";
        }

        if (field is "queue")
        {
            return l.Queue(value);
        }

        if (field is "tier" or "from_tier" or "to_tier" && Enum.TryParse<AgentTier>(value, out var tier) && Enum.IsDefined(tier))
        {
            return l.Tier(tier);
        }

        if (Enum.TryParse<CaseStatus>(value, out var status) && Enum.IsDefined(status) && !char.IsDigit(value[0]) && field is "status")
        {
            return l.Status(status);
        }

        // A single PascalCase or snake_case token is a code: show it as words.
        return value.Length <= 64 && System.Text.RegularExpressions.Regex.IsMatch(value, "^[A-Za-z]+(?:[A-Z][a-z0-9]*|_[a-z0-9]+)+$")
            ? l.Code(value)
            : value;
    }

    /// <summary>"PendingSubscriber" → "Pending subscriber"; "billing error" → "Billing error"; "Tier1" → "Tier 1".</summary>
    public static string Words(string text)
    {
        var chars = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (i > 0 && char.IsDigit(ch) && char.IsLetter(text[i - 1]))
            {
                chars.Append(' ');
            }
            else if (i > 0 && char.IsUpper(ch) && char.IsLower(text[i - 1]))
            {
                chars.Append(' ');
                ch = char.ToLowerInvariant(ch);
            }
            else if (i > 0)
            {
                ch = char.IsUpper(ch) && i + 1 < text.Length && char.IsLower(text[i + 1]) && text[i - 1] == ' ' ? char.ToLowerInvariant(ch) : ch;
            }

            chars.Append(ch);
        }

        var s = chars.ToString().Trim();
        return s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }
}
