using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Application.Common.Abstractions;

/// <summary>Who is sending the current request, from whatever entry point (page, API, hub, worker).</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    string? UserId { get; }
    string Name { get; }
    string? IpAddress { get; }
    Guid? SubscriberId { get; }
    Guid? AgentId { get; }
    AgentTier? Tier { get; }
    bool IsInRole(string role);
}

public static class CurrentUserExtensions
{
    public static bool IsStaff(this ICurrentUser user) =>
        user.AgentId is not null && (user.IsInRole(Security.Roles.Agent) || user.IsInRole(Security.Roles.Supervisor));

    public static bool IsSubscriber(this ICurrentUser user) =>
        user.SubscriberId is not null && user.IsInRole(Security.Roles.Subscriber);

    public static Actor AsActor(this ICurrentUser user) => new(user.UserId, user.Name, user.IpAddress);
}
