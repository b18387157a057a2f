using HelpDesk.Application.Cases;
using HelpDesk.Domain.Cases;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HelpDesk.Web.Areas.Portal.Pages.Cases;

public sealed class NewModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IEnumerable<SelectListItem> Categories =>
        Enum.GetValues<CaseCategory>().Select(c => new SelectListItem(CaseCategories.Label(c), c.ToString()));

    public sealed class InputModel
    {
        public string Subject { get; set; } = string.Empty;
        public string Category { get; set; } = string.Empty;
        public string Description { get; set; } = string.Empty;

        /// <summary>Generated when the form is shown, so a second click or a resent form opens one case.</summary>
        public Guid RequestId { get; set; }
    }

    public void OnGet() => Input.RequestId = Guid.NewGuid();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var result = await mediator.Send(new OpenCase.Command(
                Input.Subject ?? string.Empty, Input.Category ?? string.Empty, Input.Description ?? string.Empty,
                Input.RequestId == Guid.Empty ? null : Input.RequestId));
            TempData["Flash"] = result.Replayed
                ? $"Case {result.Number} was already opened; here it is."
                : $"We received your case {result.Number}.";
            return RedirectToPage("Details", new { id = result.Id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }
    }
}
