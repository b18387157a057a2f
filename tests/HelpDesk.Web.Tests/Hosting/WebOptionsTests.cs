using HelpDesk.Infrastructure;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Web.Hosting;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// Issue 18, item 3: the web host's and the Infrastructure's settings are each bound in one registration
/// (<c>AddWebOptions</c>, <c>AddInfrastructureOptions</c>), checked, and read where they are used from the options, never
/// from the raw configuration.
/// </summary>
public sealed class WebOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddWebOptions();
        services.AddInfrastructureOptions();
        services.AddHelpDeskChat();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_inbound_email_limit_is_one_of_the_rate_limits_and_its_old_key_is_still_read()
    {
        using (var defaults = Build([]))
        {
            defaults.GetRequiredService<IOptions<RateLimitOptions>>().Value.EmailInboundPerMinute.ShouldBe(120);
        }

        using (var legacy = Build(new() { ["HelpDesk:Email:InboundRequestsPerMinute"] = "7" }))
        {
            legacy.GetRequiredService<IOptions<RateLimitOptions>>().Value.EmailInboundPerMinute.ShouldBe(7);
        }

        using var both = Build(new()
        {
            ["HelpDesk:Email:InboundRequestsPerMinute"] = "7",
            ["HelpDesk:RateLimits:EmailInboundPerMinute"] = "900",
        });
        both.GetRequiredService<IOptions<RateLimitOptions>>().Value.EmailInboundPerMinute.ShouldBe(900);
    }

    [Fact]
    public void A_limit_below_one_is_refused_with_the_key_it_came_from()
    {
        using var provider = Build(new() { ["HelpDesk:RateLimits:SignInPerMinute"] = "0" });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        error.Failures.ShouldContain(f => f.Contains("HelpDesk:RateLimits:SignInPerMinute must be at least 1.", StringComparison.Ordinal));
    }

    [Fact]
    public void Session_and_hub_settings_are_checked_where_they_are_bound()
    {
        using var provider = Build(new()
        {
            ["HelpDesk:Auth:AccessTokenLifetime"] = "01:00:00",
            ["HelpDesk:Auth:RefreshTokenLifetime"] = "00:30:00",
            ["HelpDesk:Realtime:SessionCheckSeconds"] = "-1",
            ["HelpDesk:Chat:Hub:MaximumReceiveMessageSize"] = "65536",
        });

        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SessionOptions>>().Value)
            .Failures.ShouldContain(f => f.Contains("refresh token must outlive the access token", StringComparison.Ordinal));
        Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<HubSessionOptions>>().Value)
            .Failures.ShouldContain(f => f.Contains("SessionCheckSeconds", StringComparison.Ordinal));
        provider.GetRequiredService<IOptions<HubOptions<ChatHub>>>().Value.MaximumReceiveMessageSize.ShouldBe(65536);
    }

    [Fact]
    public void The_workers_settings_are_bound_with_the_other_infrastructure_settings()
    {
        using var provider = Build(new() { ["HelpDesk:Incidents:NoticeBatchSize"] = "37" });

        var notices = provider.GetRequiredService<IOptions<IncidentNoticeOptions>>().Value;
        notices.NoticeBatchSize.ShouldBe(37);
        provider.GetRequiredService<IOptions<SlaSweeperOptions>>().Value.ShouldNotBeNull();
    }
}
