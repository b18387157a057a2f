using System.Collections.Concurrent;
using HelpDesk.Application.Cases;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Credits;
using HelpDesk.Web.Tests.Hubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace HelpDesk.Web.Tests.Security;

/// <summary>The live app with every Serilog event kept in memory.</summary>
public sealed class LoggedLiveApp : LiveApp
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(new Sink(Events)));
    }

    private sealed class Sink(ConcurrentQueue<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
    }
}

/// <summary>Issue 14: a refused hub call is the caller's mistake, logged as one warning without a stack trace.</summary>
public sealed class HubRefusalLoggingTests(LoggedLiveApp app) : IClassFixture<LoggedLiveApp>
{
    [Fact]
    public async Task A_refused_hub_call_is_a_warning_without_a_stack_trace_not_an_error()
    {
        var (_, tier3, _) = await CreditTestData.IdsAsync(app);
        await using var sam = await app.HubWithCookieAsync(Demo.Agent1);
        await sam.StartAsync();
        app.Events.Clear();

        await Should.ThrowAsync<HubException>(() => sam.InvokeAsync<WatchCase.Viewer>("JoinCase", tier3));
        await Should.ThrowAsync<HubException>(() => sam.InvokeAsync("Typing", Guid.NewGuid()));
        await Task.Delay(500); // SignalR logs after it has answered the caller

        var events = app.Events.ToList();
        events.ShouldNotContain(e => e.Level >= LogEventLevel.Error, string.Join("\n", events.Where(e => e.Level >= LogEventLevel.Error).Select(e => e.RenderMessage())));
        events.ShouldNotContain(e => e.Exception is HubException);
        var warnings = events.Where(e => e.Level == LogEventLevel.Warning && e.MessageTemplate.Text.StartsWith("Refused hub call", StringComparison.Ordinal)).ToList();
        warnings.Count.ShouldBe(2, string.Join("\n", events.Select(e => $"{e.Level} {e.MessageTemplate.Text} {e.Exception?.GetType().Name}")));
        warnings.ShouldAllBe(w => w.Exception == null);
        warnings.Select(w => w.Properties["Method"].ToString()).ShouldBe(["\"JoinCase\"", "\"Typing\""]);
    }
}
