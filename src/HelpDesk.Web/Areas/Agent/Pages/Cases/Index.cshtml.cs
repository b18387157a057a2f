using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Queue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Tier { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<CaseSummary> Cases { get; private set; } = new([], null);

    public async Task OnGetAsync()
    {
        try
        {
            Cases = await mediator.Send(new ListCases.Query(Status, Queue, Tier, Cursor));
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }
    }
}
