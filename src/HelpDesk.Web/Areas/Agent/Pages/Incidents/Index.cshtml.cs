using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Agents;
using HelpDesk.Application.Common.Abstractions;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Incidents;

/// <summary>Incidents, newest first (every tier may look; Tier 2 and up may declare).</summary>
public sealed class IndexModel(IMediator mediator, ICurrentUser user) : PageModel
{
    public Page<IncidentSummary> Incidents { get; private set; } = new([], null);

    public bool CanDeclare => user.Tier is { } tier && tier >= AgentTier.Tier2;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Incidents = await mediator.Send(new ListIncidents.Query(Cursor, ListIncidents.DefaultPageSize, Open));
        }
        catch (FluentValidation.ValidationException)
        {
            // A forged or stale cursor: start again from the first page.
            return RedirectToPage(new { Open });
        }

        return Page();
    }
}
