using HelpDesk.Application.Common;
using HelpDesk.Application.Email;
using HelpDesk.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>The case's outgoing mail (delivery state, "Retry now") and the subscriber's satisfaction answer.</summary>
public sealed partial class DetailsModel
{
    public CaseEmails? Deliveries { get; private set; }

    public async Task<IActionResult> OnPostRetryEmailAsync(Guid id, Guid emailId)
    {
        try
        {
            await mediator.Send(new RetryEmail.Command(id, emailId), HttpContext.RequestAborted);
            TempData["Flash"] = "The email is queued to be sent again.";
            return RedirectToPage("Details", null, new { id }, "emails");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await LoadAsync(id);
        }
    }
}
