using HelpDesk.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.ApprovalsNavigation;

/// <summary>Supervisors' navigation entry for the approvals inbox, with the number of requests waiting.</summary>
public sealed class ApprovalsNavigationViewComponent(NavigationBadges badges) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.IsInRole(Roles.Supervisor))
        {
            return Content(string.Empty);
        }

        return await badges.GetAsync(HttpContext.RequestAborted) is { PendingApprovals: { } pending } ? View(pending) : Content(string.Empty);
    }
}
