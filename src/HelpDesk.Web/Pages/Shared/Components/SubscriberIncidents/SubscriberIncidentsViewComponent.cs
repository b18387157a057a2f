using HelpDesk.Application.Common;
using HelpDesk.Application.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.SubscriberIncidents;

/// <summary>In the subscriber context panel (case and chat pages): open and recent incidents affecting the case's subscriber.</summary>
public sealed class SubscriberIncidentsViewComponent(IMediator mediator) : ViewComponent
{
    /// <summary>A page that has already read the incidents (the case page's workspace) leaves them here, so they are not read again.</summary>
    public const string ViewDataKey = "SubscriberIncidents";

    public async Task<IViewComponentResult> InvokeAsync(Guid caseId)
    {
        if (ViewData[ViewDataKey] is IReadOnlyList<IncidentSummary> known)
        {
            return View(known);
        }

        try
        {
            return View(await mediator.Send(new GetCaseIncidents.Query(caseId), HttpContext.RequestAborted));
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            return Content(string.Empty);
        }
    }
}
