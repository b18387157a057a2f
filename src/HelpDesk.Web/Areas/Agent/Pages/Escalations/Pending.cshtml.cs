using HelpDesk.Application.Common;
using HelpDesk.Application.Escalations;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Escalations;

/// <summary>Supervisors' escalation inbox. The requests themselves require a supervisor; anyone else gets a 403 page.</summary>
public sealed class PendingModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListPendingEscalations.PendingEscalation> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostApproveAsync(Guid requestId, string? comment, string? returnTo) =>
        await DecideAsync(returnTo, async () =>
        {
            await mediator.Send(new ApproveEscalation.Command(requestId, string.IsNullOrWhiteSpace(comment) ? null : comment), HttpContext.RequestAborted);
            TempData["Flash"] = "Escalation approved.";
        });

    public async Task<IActionResult> OnPostRejectAsync(Guid requestId, string? comment, string? returnTo) =>
        await DecideAsync(returnTo, async () =>
        {
            await mediator.Send(new RejectEscalation.Command(requestId, comment ?? string.Empty), HttpContext.RequestAborted);
            TempData["Flash"] = "Escalation rejected.";
        });

    /// <param name="returnTo">"approvals" when the decision was made in the approvals inbox, which is where the supervisor goes back to.</param>
    private async Task<IActionResult> DecideAsync(string? returnTo, Func<Task> decide)
    {
        try
        {
            await decide();
            return returnTo == "approvals" ? RedirectToPage("/Approvals/Index") : RedirectToPage();
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await LoadAsync();
        }
    }

    private async Task<IActionResult> LoadAsync()
    {
        try
        {
            Pending = await mediator.Send(new ListPendingEscalations.Query(), HttpContext.RequestAborted);
            return Page();
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
