using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Macros;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Macros;

/// <summary>Saved replies: supervisors list, add, change and retire them.</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MacroView> Macros { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Macros = await mediator.Send(new ListMacros.Query(IncludeInactive: true));
        return Page();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id)
    {
        try
        {
            var macro = await mediator.Send(new DeactivateMacro.Command(id));
            TempData["Flash"] = $"“{macro.Name}” is retired; agents no longer see it.";
            return RedirectToPage("Index");
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await OnGetAsync();
        }
    }
}
