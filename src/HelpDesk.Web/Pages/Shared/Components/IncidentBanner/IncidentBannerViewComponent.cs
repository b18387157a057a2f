using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.IncidentBanner;

/// <summary>On every page a subscriber sees: the open incidents affecting them, with their latest public word (ADR 0115).</summary>
public sealed class IncidentBannerViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.IsInRole(Roles.Subscriber))
        {
            return Content(string.Empty);
        }

        try
        {
            var incidents = await mediator.Send(new GetMyIncidents.Query(), HttpContext.RequestAborted);
            return incidents.Count == 0 ? Content(string.Empty) : View(incidents);
        }
        catch (Exception ex) when (ex is ForbiddenException or UnauthenticatedException)
        {
            return Content(string.Empty);
        }
    }
}
