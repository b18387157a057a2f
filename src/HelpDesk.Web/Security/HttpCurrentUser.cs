using System.Globalization;
using System.Security.Claims;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;

namespace HelpDesk.Web.Security;

/// <summary>The signed-in principal of the current HTTP request (cookie for pages, bearer token for the API).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string? UserId => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.Name) ?? "unknown" : "anonymous";
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
    public Guid? SubscriberId => GuidClaim(HelpDeskClaims.SubscriberId);
    public Guid? AgentId => GuidClaim(HelpDeskClaims.AgentId);

    public AgentTier? Tier =>
        IsAuthenticated && int.TryParse(Principal!.FindFirstValue(HelpDeskClaims.Tier), NumberStyles.None, CultureInfo.InvariantCulture, out var tier)
            && Enum.IsDefined((AgentTier)tier)
            ? (AgentTier)tier
            : null;

    public bool IsInRole(string role) => IsAuthenticated && Principal!.IsInRole(role);

    private Guid? GuidClaim(string type) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(type), out var id) ? id : null;
}
