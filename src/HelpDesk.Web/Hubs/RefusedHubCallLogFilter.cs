using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Drops SignalR's "Failed to invoke hub method" error (with its stack trace) when the method refused the call with a
/// <see cref="HubException"/>; <see cref="HubCallerFilter"/> has logged it as a warning. Real failures still log as errors.
/// </summary>
internal sealed class RefusedHubCallLogFilter : Serilog.Core.ILogEventFilter
{
    public bool IsEnabled(Serilog.Events.LogEvent logEvent) =>
        !(logEvent is { Level: >= Serilog.Events.LogEventLevel.Error, Exception: HubException }
          && logEvent.Properties.TryGetValue("SourceContext", out var source)
          && source.ToString().Contains("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));
}
