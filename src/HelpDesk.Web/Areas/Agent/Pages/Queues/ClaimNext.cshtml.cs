using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Queues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Queues;

/// <summary>"Get next case": claims from one queue, then opens the case or explains on the queue list why nothing came.</summary>
public sealed class ClaimNextModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync(string queue)
    {
        try
        {
            var result = await mediator.Send(new ClaimNextCase.Command(queue));
            if (result.Case is { } claimed)
            {
                TempData["Flash"] = result.Message;
                return RedirectToPage("/Cases/Details", new { id = claimed.Id });
            }

            TempData[IndexModel.ClaimNoticeKey] = result.Message;
        }
        catch (Exception ex) when (ex is NotFoundException or ForbiddenException)
        {
            TempData[IndexModel.ClaimNoticeKey] = ex.Message;
        }
        catch (ValidationException ex)
        {
            TempData[IndexModel.ClaimNoticeKey] = string.Join(" ", ex.Errors.Select(e => e.ErrorMessage));
        }

        return RedirectToPage("/Index");
    }
}
