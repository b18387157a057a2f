using HelpDesk.Testing;
using HelpDesk.Web.Hosting;
using HelpDesk.Web.Tests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// ADR 0136: the host's logger factory hands out one logger per category (Serilog's own built a new one per call, and
/// ASP.NET Core and SignalR ask per connection and per request), and what is logged still goes through Serilog.
/// </summary>
public sealed class CachedLoggerFactoryTests(LoggedLiveApp app) : IClassFixture<LoggedLiveApp>
{
    [Fact]
    public async Task Connections_and_requests_reuse_the_loggers_of_their_categories_and_events_still_reach_serilog()
    {
        var factory = app.Services.GetRequiredService<ILoggerFactory>().ShouldBeOfType<CachedLoggerFactory>();
        var category = $"HelpDesk.Tests.{Guid.NewGuid():N}";
        var logger = factory.CreateLogger(category);
        factory.CreateLogger(category).ShouldBeSameAs(logger);

        // What the app logs keeps its category, its level and Serilog's minimum level (Information here).
        app.Events.Clear();
        logger.LogWarning("Cached logger {Marker}", "w1");
        logger.LogDebug("Below the minimum level {Marker}", "d1");
        var logged = app.Events.Where(e => e.Properties.TryGetValue("SourceContext", out var c) && c.ToString() == $"\"{category}\"").ToList();
        logged.Count.ShouldBe(1);
        logged[0].Level.ShouldBe(LogEventLevel.Warning);
        logged[0].Properties["Marker"].ToString().ShouldBe("\"w1\"");

        // Warm every category a page request and a hub connection ask for, then count: no category is made per connection
        // or per request (a name with an id in it would grow the cache with traffic).
        await VisitAsync();
        var categories = factory.Count;
        for (var i = 0; i < 5; i++)
        {
            await VisitAsync();
        }

        factory.Count.ShouldBe(categories);
    }

    private async Task VisitAsync()
    {
        using (var http = app.Http())
        {
            (await http.GetAsync("/Account/Login")).EnsureSuccessStatusCode();
            (await http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        }

        await using var hub = await app.HubWithTokenAsync(Demo.Agent1);
        await hub.StartAsync();
        await hub.StopAsync();
    }
}
