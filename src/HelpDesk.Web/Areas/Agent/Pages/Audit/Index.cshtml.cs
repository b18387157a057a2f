using HelpDesk.Application.Audit;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Audit;

/// <summary>The audit log for supervisors: filter by case, actor, action and days (in the viewer's time zone).</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class IndexModel(IMediator mediator, ViewerTime time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "case")]
    public string? CaseNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true, Name = "prefix")]
    public string? ActionPrefix { get; set; }

    /// <summary>First day shown (inclusive), in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day shown (inclusive), in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<AuditEntry> Events { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Events = await mediator.Send(new SearchAudit.Query(
                CaseNumber, Actor, ActionPrefix, time.StartOfDay(From), time.StartOfDay(To?.AddDays(1)), Cursor));
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }

        return Page();
    }
}
