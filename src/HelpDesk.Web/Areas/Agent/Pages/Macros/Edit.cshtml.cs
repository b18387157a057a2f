using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Macros;
using HelpDesk.Domain.Macros;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Macros;

/// <summary>Adds a saved reply (no id) or changes one.</summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static IReadOnlyList<string> Placeholders => Macro.Placeholders;

    [BindProperty]
    public MacroInput Input { get; set; } = new();

    public bool IsNew { get; private set; }

    public sealed class MacroInput
    {
        public string Name { get; set; } = string.Empty;
        public string Body { get; set; } = string.Empty;
        public string? Explanation { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        IsNew = id is null;
        if (id is { } macroId)
        {
            var macro = await mediator.Send(new GetMacro.Query(macroId), HttpContext.RequestAborted);
            if (!macro.IsActive)
            {
                return NotFound();
            }

            Input = new MacroInput { Name = macro.Name, Body = macro.Body, Explanation = macro.Explanation };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        IsNew = id is null;
        try
        {
            var saved = await mediator.Send(new SaveMacro.Command(id, Input.Name ?? string.Empty, Input.Body ?? string.Empty, Input.Explanation), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Saved “{0}”.", saved.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            return Page();
        }
    }
}
