using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>
/// "A case you held": read only, for an agent whose case moved above their tier. Who has it now and why, the public
/// timeline with the agent's own notes, their promises and the outcome. Anyone who never held the case gets 404.
/// </summary>
public sealed class HeldModel(IMediator mediator) : PageModel
{
    public HeldCaseView? Case { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Case = await mediator.Send(new GetHeldCase.Query(id), HttpContext.RequestAborted);
        return Page();
    }
}
