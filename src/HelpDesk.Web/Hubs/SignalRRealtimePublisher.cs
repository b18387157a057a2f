using HelpDesk.Application.Common.Abstractions;
using Microsoft.AspNetCore.SignalR;

namespace HelpDesk.Web.Hubs;

/// <summary>
/// Pushes committed changes to connected staff: "queuesChanged" (queue names) to all staff, "caseChanged" to
/// each changed case's viewers, "notification" to the notified agents, "approvalsChanged" to supervisors. Through the Redis backplane when one
/// is configured, so every node's clients hear it.
/// </summary>
internal sealed partial class SignalRRealtimePublisher(IHubContext<AgentHub> hub, ILogger<SignalRRealtimePublisher> logger) : IRealtimePublisher
{
    public async Task CasesChangedAsync(IReadOnlyCollection<CaseChange> changes, CancellationToken cancellationToken)
    {
        try
        {
            var queues = changes.Select(c => c.Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            await hub.Clients.Group(AgentHub.StaffGroup).SendAsync("queuesChanged", queues, cancellationToken);
            foreach (var caseId in changes.Select(c => c.CaseId).Distinct())
            {
                await hub.Clients.Group(AgentHub.CaseGroup(caseId)).SendAsync("caseChanged", caseId, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, "cases changed");
            throw;
        }
    }

    public async Task NotificationsCreatedAsync(IReadOnlyCollection<Guid> agentIds, CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Groups(agentIds.Distinct().Select(AgentHub.AgentGroup).ToList()).SendAsync("notification", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, "notifications created");
            throw;
        }
    }

    public async Task ApprovalsChangedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await hub.Clients.Group(AgentHub.SupervisorsGroup).SendAsync("approvalsChanged", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(logger, ex, "approvals changed");
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not push {Change} to connected browsers; they catch up on their next refresh")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string change);
}
