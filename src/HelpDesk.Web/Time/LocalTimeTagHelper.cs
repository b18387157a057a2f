using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Web.Localization;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Time;

/// <summary>
/// <c>&lt;local-time value="@instant" /&gt;</c> renders a <c>&lt;time&gt;</c> in the viewer's zone ("6 Dec 2026, 16:26"),
/// with the zone in its tooltip; <c>relative</c> writes it as "in 2 hours" / "5 minutes ago" for lists a person scans
/// (the moment itself in the tooltip).
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(ViewerTime time, IClock clock, IStringLocalizer<SharedResource> localizer) : TagHelper
{
    public DateTimeOffset? Value { get; set; }

    public bool Relative { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Value is not { } instant)
        {
            output.SuppressOutput();
            return;
        }

        output.Attributes.SetAttribute("datetime", instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", time.Describe(instant));
        output.Content.SetContent(Relative ? time.Relative(instant, clock.UtcNow, localizer) : time.Format(instant));
    }
}
