using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Sanitizes HTML from email bodies: no scripts, event handlers, forms, frames, objects or styles sheets;
/// only http, https, mailto and cid links; data: URLs only for inline images; links get
/// <c>rel="noopener noreferrer nofollow"</c>. Thread-safe once built.
/// </summary>
/// <remarks>
/// <see cref="Sanitize(string)"/> is the storage pass (references are kept as the sender wrote them).
/// <see cref="SanitizeForDisplay"/> is the display pass: <c>cid:</c> references become attachment URLs inside the
/// sanitizer's URL filter (a Content-ID is only ever a dictionary key, never text put into markup), and images from
/// anywhere else are not loaded: their address moves to <c>data-remote-src</c> until the agent asks to see them.
/// </remarks>
public sealed partial class EmailHtmlSanitizer
{
    /// <summary>The attribute that keeps a blocked remote image's address (shown as text, never loaded).</summary>
    public const string RemoteSourceAttribute = "data-remote-src";

    private static readonly string[] RemovedTags =
    [
        "form", "input", "button", "select", "textarea", "option", "optgroup", "datalist", "output",
        "iframe", "frame", "frameset", "object", "embed", "applet", "script", "style", "link", "meta",
        "base", "svg", "math", "template", "audio", "video", "source", "track", "picture", "portal",
    ];

    private readonly HtmlSanitizer _storage;

    public EmailHtmlSanitizer() => _storage = Build(display: null);

    public string Sanitize(string html) => _storage.Sanitize(html);

    /// <summary>
    /// Sanitizes for the page: <paramref name="inlineImages"/> maps a Content-ID (without angle brackets) to the
    /// app's own URL for the stored copy; unknown <c>cid:</c> references are dropped. Remote images load only when
    /// <paramref name="showRemoteImages"/> is set; relative or protocol-relative image addresses never do.
    /// </summary>
    public string SanitizeForDisplay(string html, IReadOnlyDictionary<string, string> inlineImages, bool showRemoteImages) =>
        Build(new DisplayContext(inlineImages, showRemoteImages)).Sanitize(html);

    /// <summary>True when the display pass blocked at least one remote image (the page offers "Show remote images").</summary>
    public static bool HasBlockedRemoteImages(string displayHtml) =>
        displayHtml.Contains(RemoteSourceAttribute + "=", StringComparison.Ordinal);

    private sealed record DisplayContext(IReadOnlyDictionary<string, string> InlineImages, bool ShowRemoteImages);

    private static HtmlSanitizer Build(DisplayContext? display)
    {
        var sanitizer = new HtmlSanitizer();
        // Images this pass did not load; one sanitizer per display call, so the map is never shared.
        var blocked = new Dictionary<IElement, string>(ReferenceEqualityComparer.Instance);
        foreach (var tag in RemovedTags)
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Sets of candidate images the browser would fetch without asking: only src is kept (and filtered).
        sanitizer.AllowedAttributes.Remove("srcset");
        sanitizer.AllowedAttributes.Remove("background");
        sanitizer.AllowedAttributes.Remove("lowsrc");
        sanitizer.AllowedAttributes.Remove("dynsrc");
        sanitizer.AllowedAttributes.Remove("poster");
        sanitizer.AllowedAttributes.Remove("longdesc");

        if (display is not null)
        {
            // The page's Content-Security-Policy allows no style attributes (ADR 0109); the stored copy keeps them.
            sanitizer.AllowedAttributes.Remove("style");
        }

        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "cid", "data" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowDataAttributes = false;
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.OriginalUrl.Trim();
            if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.LocalName == "img" && InlineImageDataUrl().IsMatch(url)))
            {
                e.SanitizedUrl = null;
                return;
            }

            if (display is null)
            {
                return;
            }

            if (url.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                // Only an image may point at an inline part, and only at one that was stored and is safe to show.
                e.SanitizedUrl = e.Tag.LocalName == "img" && ResolveContentId(url[4..], display.InlineImages) is { } local ? local : null;
                return;
            }

            if (e.Tag.LocalName != "a" && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                // Anything else a page would fetch by itself (images, CSS url()): remote only after the agent's click,
                // never relative to the app itself (an <img src="/Account/Logout"> must not act with the agent's cookie).
                var remote = IsRemote(url);
                if (!(remote && display.ShowRemoteImages && e.Tag.LocalName == "img"))
                {
                    if (remote && e.Tag.LocalName == "img")
                    {
                        blocked[e.Tag] = url;
                    }

                    e.SanitizedUrl = null;
                }
            }
            else if (e.Tag.LocalName == "a" && !IsRemote(url) && !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            {
                // Links go out of the app or to a mail client, never to one of its own pages with the agent's session.
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }

            // Set after the attribute filter ran, through the DOM (so the address is escaped as an attribute value).
            if (e.Node is IElement { LocalName: "img" } image && blocked.TryGetValue(image, out var address))
            {
                image.RemoveAttribute("src");
                image.SetAttribute(RemoteSourceAttribute, address);
            }
        };
        return sanitizer;
    }

    private static bool IsRemote(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string? ResolveContentId(string reference, IReadOnlyDictionary<string, string> inlineImages)
    {
        // RFC 2392: the cid: URL is the Content-ID without angle brackets, %-encoded where needed.
        if (inlineImages.TryGetValue(reference, out var url))
        {
            return url;
        }

        try
        {
            return inlineImages.TryGetValue(Uri.UnescapeDataString(reference), out url) ? url : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp|bmp);base64,[A-Za-z0-9+/=\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex InlineImageDataUrl();
}
