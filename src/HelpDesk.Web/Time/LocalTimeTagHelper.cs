using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Time;

/// <summary>
/// <c>&lt;local-time value="@instant" /&gt;</c> renders a <c>&lt;time&gt;</c> in the viewer's zone ("6 Dec 2026, 16:26"),
/// with the zone in its tooltip; <c>relative</c> writes it as "in 2 hours" / "5 minutes ago" for lists a person scans
/// (the moment itself in the tooltip). Long lists write the same through <see cref="LocalTimeWriter"/>.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper(LocalTimeWriter writer) : TagHelper
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

        var (dateTime, title, text) = writer.Parts(instant, Relative);
        output.Attributes.SetAttribute("datetime", dateTime);
        output.Attributes.SetAttribute("title", title);
        output.Content.SetContent(text);
    }
}
