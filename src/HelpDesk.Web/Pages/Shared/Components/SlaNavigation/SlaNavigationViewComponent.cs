using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.SlaNavigation;

/// <summary>Staff navigation entries for notifications (with the unread count), SLA policies and, for supervisors, the SLA report.</summary>
public sealed class SlaNavigationViewComponent(IMediator mediator) : ViewComponent
{
    public sealed record Model(int Unread, bool IsSupervisor);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        try
        {
            var unread = await mediator.Send(new CountUnreadNotifications.Query(), HttpContext.RequestAborted);
            return View(new Model(unread, UserClaimsPrincipal.IsInRole(Roles.Supervisor)));
        }
        catch (ForbiddenException)
        {
            // A staff role without an agent profile: nothing to link to.
            return Content(string.Empty);
        }
    }
}
