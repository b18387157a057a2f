using System.Security.Cryptography;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Security;

/// <summary>
/// Content-Security-Policy and the other browser-facing security headers on every response (ADR 0109):
/// scripts only from the app itself or with this request's nonce, no inline handlers or style attributes,
/// never framed, no MIME sniffing, the origin only as referrer.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "HelpDesk.CspNonce";

    /// <summary>This request's script nonce (made on first use, 128 random bits, hex).</summary>
    public static string CspNonce(this HttpContext context)
    {
        if (context.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        // Hex: no character that HTML attribute encoding would rewrite.
        nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>The policy for the app's pages and API.</summary>
    public static string AppPolicy(string nonce) =>
        "default-src 'self'; "
        + $"script-src 'self' 'nonce-{nonce}'; "
        + "style-src 'self'; "
        // Email images: inline parts come from /attachments, remote ones load only after the agent's click.
        + "img-src 'self' data: https: http:; "
        + "font-src 'self'; "
        + "connect-src 'self'; "
        + "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Scalar's API reference builds its page with an inline bootstrap script, inline styles and eval that it does
    /// not let us nonce; it gets its own, looser policy on its own path only (it shows no subscriber data, only the OpenAPI document).
    /// </summary>
    public static string ApiReferencePolicy(string nonce) =>
        "default-src 'self'; "
        + "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var nonce = context.CspNonce();
        // Set first so antiforgery leaves X-Frame-Options alone, and again when the response starts because the
        // exception handler clears headers before it re-runs the pipeline for the error page.
        Apply(context, nonce);
        context.Response.OnStarting(() =>
        {
            Apply(context, nonce);
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static void Apply(HttpContext context, string nonce)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
            ? ApiReferencePolicy(nonce)
            : AppPolicy(nonce);
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        // A page may ask for less (the satisfaction page sends no referrer at all).
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        }

        headers["Cross-Origin-Opener-Policy"] = "same-origin";
    }
}

/// <summary>Gives every &lt;script&gt; element on a page this request's CSP nonce.</summary>
[HtmlTargetElement("script")]
public sealed class ScriptNonceTagHelper(IHttpContextAccessor accessor) : TagHelper
{
    // After the framework's script tag helper (asp-append-version), so the nonce goes on the finished tag.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (accessor.HttpContext is { } http)
        {
            output.Attributes.SetAttribute("nonce", http.CspNonce());
        }
    }
}

/// <summary>
/// The framework's validation summary writes an empty <c>&lt;li style="display:none"&gt;</c> placeholder, an inline
/// style the Content-Security-Policy refuses; the placeholder gets the <c>hidden</c> attribute instead.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
[HtmlTargetElement("ul", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutInlineStyleTagHelper : TagHelper
{
    private const string Placeholder = "<li style=\"display:none\"></li>";

    // After Microsoft's ValidationSummaryTagHelper (order -1000... 0) has written the list.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var post = output.PostContent.GetContent();
        if (post.Contains(Placeholder, StringComparison.Ordinal))
        {
            output.PostContent.SetHtmlContent(post.Replace(Placeholder, "<li hidden></li>", StringComparison.Ordinal));
        }
    }
}
