using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Web.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Time;

/// <summary>
/// Writes a moment exactly as <c>&lt;local-time&gt;</c> does (<c>&lt;time datetime="…Z" title="…"&gt;…&lt;/time&gt;</c>, in the
/// viewer's zone, relative or not), for the long lists of a page (the case list's rows, a case's timeline): one writer per
/// request instead of a tag helper created, given its services and run for every moment (ADR 0132). The tag helper uses it
/// too, so both write the same.
/// </summary>
public sealed class LocalTimeWriter(ViewerTime time, IClock clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The <c>datetime</c> attribute (UTC), the tooltip (the moment with its zone) and the text.</summary>
    public (string DateTime, string Title, string Text) Parts(DateTimeOffset instant, bool relative)
    {
        // The tooltip starts with the moment as Format writes it, which is also the text when not relative: written once.
        var formatted = time.Format(instant);
        return (instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            time.Describe(instant, formatted),
            relative ? time.Relative(instant, clock.UtcNow, localizer) : formatted);
    }

    /// <summary>The <c>&lt;time&gt;</c> element for <paramref name="value"/>; nothing for no moment. Attribute values and text are encoded when written.</summary>
    public IHtmlContent Write(DateTimeOffset? value, bool relative = false)
    {
        if (value is not { } instant)
        {
            return HtmlString.Empty;
        }

        var (dateTime, title, text) = Parts(instant, relative);
        return new HtmlContentBuilder(7)
            .AppendHtml("<time datetime=\"").Append(dateTime)
            .AppendHtml("\" title=\"").Append(title)
            .AppendHtml("\">").Append(text)
            .AppendHtml("</time>");
    }
}
