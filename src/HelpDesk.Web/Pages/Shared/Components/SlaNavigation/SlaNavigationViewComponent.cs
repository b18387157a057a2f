using HelpDesk.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.SlaNavigation;

/// <summary>Staff navigation entries for notifications (with the unread count), SLA policies and, for supervisors, the SLA report.</summary>
public sealed class SlaNavigationViewComponent(NavigationBadges badges) : ViewComponent
{
    public sealed record Model(int Unread, bool IsSupervisor);

    public async Task<IViewComponentResult> InvokeAsync() =>
        // A staff role without an agent profile: nothing to link to.
        await badges.GetAsync(HttpContext.RequestAborted) is { } counts
            ? View(new Model(counts.UnreadNotifications, UserClaimsPrincipal.IsInRole(Roles.Supervisor)))
            : Content(string.Empty);
}
