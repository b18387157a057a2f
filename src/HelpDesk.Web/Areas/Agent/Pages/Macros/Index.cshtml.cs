using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Macros;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Macros;

/// <summary>Saved replies: supervisors list, add, change and retire them.</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<MacroView> Macros { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Macros = await mediator.Send(new ListMacros.Query(IncludeInactive: true), HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The question before a macro is retired (no JavaScript, or a post without <c>confirmed</c>).</summary>
    public Confirmation? Confirm { get; private set; }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, bool confirmed = false)
    {
        if (!confirmed)
        {
            await OnGetAsync();
            if (Macros.FirstOrDefault(m => m.Id == id && m.IsActive) is not { } macro)
            {
                return NotFound();
            }

            Confirm = new Confirmation("Deactivate", id.ToString(), localizer["Retire the macro “{0}”?", macro.Name],
                localizer["Agents will no longer see it; replies already sent with it are unchanged."], localizer["Retire macro"]);
            return Page();
        }

        try
        {
            var macro = await mediator.Send(new DeactivateMacro.Command(id), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["“{0}” is retired; agents no longer see it.", macro.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await OnGetAsync();
        }
    }
}
