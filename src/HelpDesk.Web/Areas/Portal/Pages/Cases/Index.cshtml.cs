using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Cases;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Page<CaseSummary> Cases { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        try
        {
            Cases = await mediator.Send(new ListCases.Query(Cursor: cursor));
        }
        catch (FluentValidation.ValidationException)
        {
            return RedirectToPage("Index");
        }

        return Page();
    }

    public string StageLabel(SubscriberStage stage) => PortalText.Stage(stage);
}
