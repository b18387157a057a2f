using HelpDesk.Application.Email;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// <c>HelpDesk:Email:PublicBaseUrl</c> defaults to the address the app listens on (issue 15): links in mail then work on
/// whatever port the app runs. Behind a proxy, or listening on all interfaces, that address is probably not the one
/// subscribers reach, so start-up says so.
/// </summary>
public static partial class PublicBaseUrl
{
    public static void DefaultToListeningAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<OutboundEmailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
            {
                return;
            }

            var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var listening = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
            var (url, wildcard) = Normalize(listening ?? "http://localhost:5000");
            options.PublicBaseUrl = url;
            var proxied = string.Equals(app.Configuration["ASPNETCORE_FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase);
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PublicBaseUrl));
            if (proxied || wildcard)
            {
                LogUnset(logger, url);
            }
            else
            {
                LogDefault(logger, url);
            }
        });
    }

    /// <summary>"http://+:8080", "http://0.0.0.0:8080", "http://[::]:8080" → "http://localhost:8080" (and whether it was a wildcard).</summary>
    public static (string Url, bool Wildcard) Normalize(string address)
    {
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            var at = address.IndexOf(wildcard, StringComparison.Ordinal);
            if (at >= 0)
            {
                return (address[..at] + "://localhost" + address[(at + wildcard.Length)..], true);
            }
        }

        return (address.TrimEnd('/'), false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HelpDesk:Email:PublicBaseUrl is not set, so links in mail point at {Url}. Behind a proxy or load balancer that is not the address subscribers reach: set HelpDesk:Email:PublicBaseUrl to it.")]
    private static partial void LogUnset(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Links in mail point at {Url} (HelpDesk:Email:PublicBaseUrl is not set).")]
    private static partial void LogDefault(ILogger logger, string url);
}
