using HelpDesk.Application;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Security;
using SessionOptions = HelpDesk.Web.Security.SessionOptions;

namespace HelpDesk.Web.Hosting;

public static class WebOptions
{
    /// <summary>
    /// The one place the web host's settings are bound (the Application's are in <c>AddApplicationOptions</c>, the
    /// Infrastructure's in <c>AddInfrastructureOptions</c>): each class from its <c>HelpDesk:</c> section with its checks,
    /// at start-up, so a bad value stops the app with a message instead of failing the first request that reads it.
    /// </summary>
    public static IServiceCollection AddWebOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<SessionOptions>(SessionOptions.Section)
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.RefreshTokenLifetime > o.AccessTokenLifetime,
                "HelpDesk:Auth: token lifetimes must be positive and the refresh token must outlive the access token.");
        services.AddValidatedOptions<TelephonyOptions>(TelephonyOptions.Section);

        // Before the section is bound, so HelpDesk:RateLimits:EmailInboundPerMinute wins over the key it replaced.
        services.AddOptions<RateLimitOptions>().Configure<IConfiguration>((limits, configuration) =>
        {
            if (configuration.GetValue<int?>(RateLimitOptions.LegacyEmailInboundKey) is { } legacy)
            {
                limits.EmailInboundPerMinute = legacy;
            }
        });
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);

        services.AddValidatedOptions<ChatHubOptions>(ChatHubOptions.Section);
        services.AddValidatedOptions<HubSessionOptions>(HubSessionOptions.Section)
            .Validate(o => o.SessionCheckSeconds is >= 0 and <= 3600, "HelpDesk:Realtime:SessionCheckSeconds must be between 0 (off) and 3600.");
        return services;
    }
}
