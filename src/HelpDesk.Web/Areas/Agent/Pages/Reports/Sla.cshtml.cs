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
            Report = await mediator.Send(new SlaReport.Query(StartOf(From), StartOf(To?.AddDays(1))));
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

    /// <summary>Local midnight of <paramref name="day"/> in the viewer's zone, as an instant.</summary>
    private DateTimeOffset? StartOf(DateOnly? day)
    {
        if (day is not { } d)
        {
            return null;
        }

        var local = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var zone = viewerTime.Zone;
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
