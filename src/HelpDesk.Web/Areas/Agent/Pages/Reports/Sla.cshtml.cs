using HelpDesk.Application.Common;
using HelpDesk.Application.Reports;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Reports;

/// <summary>SLA report for supervisors. The request itself requires a supervisor; anyone else gets a 403 page.</summary>
public sealed class SlaModel(IMediator mediator, ViewerTime viewerTime) : PageModel
{
    /// <summary>First day of the period, in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day of the period (included), in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public SlaReport.Result? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Report = await mediator.Send(new SlaReport.Query(viewerTime.StartOfDay(From), viewerTime.StartOfDay(To?.AddDays(1))));
            From ??= DateOnly.FromDateTime(viewerTime.ToLocal(Report.From).DateTime);
            To ??= DateOnly.FromDateTime(viewerTime.ToLocal(Report.To).DateTime);
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }

        return Page();
    }
}
