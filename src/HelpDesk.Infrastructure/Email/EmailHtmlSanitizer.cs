using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Sanitizes HTML from email bodies: no scripts, event handlers, forms, frames, objects or styles sheets;
/// only http, https, mailto and cid links; data: URLs only for inline images; links get
/// <c>rel="noopener noreferrer nofollow"</c>. Thread-safe once built.
/// </summary>
public sealed partial class EmailHtmlSanitizer
{
    private static readonly string[] RemovedTags =
    [
        "form", "input", "button", "select", "textarea", "option", "optgroup", "datalist", "output",
        "iframe", "frame", "frameset", "object", "embed", "applet", "script", "style", "link", "meta",
        "base", "svg", "math", "template",
    ];

    private readonly HtmlSanitizer sanitizer;

    public EmailHtmlSanitizer()
    {
        sanitizer = new HtmlSanitizer();
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "cid", "data" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowDataAttributes = false;
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.OriginalUrl.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.LocalName == "img" && InlineImageDataUrl().IsMatch(e.OriginalUrl.Trim())))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
    }

    public string Sanitize(string html) => sanitizer.Sanitize(html);

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex InlineImageDataUrl();
}
