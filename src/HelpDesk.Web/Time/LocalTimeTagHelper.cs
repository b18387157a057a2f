using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Time;

/// <summary><c>&lt;local-time value="@instant" /&gt;</c> renders a <c>&lt;time&gt;</c> in the viewer's zone.</summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(ViewerTime time) : TagHelper
{
    public DateTimeOffset? Value { get; set; }

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
        output.Content.SetContent(time.Format(instant));
    }
}
