using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Common.Security;

/// <summary>
/// Who a background worker acts as: role <see cref="Roles.SystemWorker"/>, no person, agent or subscriber behind it.
/// Only server code can put it in place (<see cref="CurrentUserOverride"/>); no sign-in produces it.
/// </summary>
public sealed class SystemUser : ICurrentUser
{
    public SystemUser(string worker)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        Name = $"system:{worker}";
    }

    public bool IsAuthenticated => true;

    /// <summary>No Identity account: audit events record the worker by <see cref="Name"/> only.</summary>
    public string? UserId => null;

    public string Name { get; }
    public string? IpAddress => null;
    public Guid? SubscriberId => null;
    public Guid? AgentId => null;
    public AgentTier? Tier => null;

    public bool IsInRole(string role) => role == Roles.SystemWorker;
}
