using HelpDesk.Application.Common;
using HelpDesk.Application.Reports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Supervisor;

/// <summary>The supervisor's dashboard. The query requires a supervisor; other staff get a 403 page.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public SupervisorDashboard.Result? Dashboard { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Dashboard = await mediator.Send(new SupervisorDashboard.Query());
            return Page();
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
