using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Credits;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.ApprovalsNavigation;

/// <summary>Supervisors' navigation entry for the approvals inbox, with the number of requests waiting.</summary>
public sealed class ApprovalsNavigationViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.IsInRole(Roles.Supervisor))
        {
            return Content(string.Empty);
        }

        try
        {
            return View(await mediator.Send(new HelpDesk.Application.Escalations.CountPendingApprovals.Query(), HttpContext.RequestAborted));
        }
        catch (ForbiddenException)
        {
            return Content(string.Empty);
        }
    }
}
